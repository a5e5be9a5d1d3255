import { z } from 'zod';
import { MicroUsdSchema } from '../billing/charge.schema';
import { KeyIdSchema, TeamIdSchema, UserIdSchema } from './ids.schema';
import { USAGE_STATUSES } from './usage-event.schema';

export const USAGE_GROUPS = ['day', 'model', 'key', 'user', 'team'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

/**
 * Filters of `GET /v1/usage` and its export. `from` is inclusive, `to` exclusive; both are
 * ISO dates (`2026-11-01`) or date-times. Whole-day ranges are answered from daily rollups.
 */
export const UsageFilterSchema = z.strictObject({
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  key_id: KeyIdSchema.optional(),
  user_id: UserIdSchema.optional(),
  team_id: TeamIdSchema.optional(),
  model: z.string().min(1).optional(),
});
export type UsageFilter = z.infer<typeof UsageFilterSchema>;

export const UsageQueryRequestSchema = UsageFilterSchema.extend({
  group_by: z.array(z.enum(USAGE_GROUPS)).max(USAGE_GROUPS.length).optional(),
});
export type UsageQueryRequest = z.infer<typeof UsageQueryRequestSchema>;

const UsageTotalsShape = {
  requests: z.int().nonnegative(),
  errors: z.int().nonnegative(),
  input_tokens: z.int().nonnegative(),
  output_tokens: z.int().nonnegative(),
  cached_tokens: z.int().nonnegative(),
  cache_write_tokens: z.int().nonnegative(),
  cost_micro_usd: MicroUsdSchema,
  cost_usd: z.string(),
  /** Requests answered from the response cache, and their share of all requests (0..1). */
  cache_hits: z.int().nonnegative(),
  cache_hit_rate: z.number().min(0).max(1),
  /** Provider cost the cache hits avoided: what those answers cost when first made. */
  saved_cost_micro_usd: MicroUsdSchema,
  saved_cost_usd: z.string(),
};

export const UsageRowSchema = z.object({
  day: z.string().optional(),
  model: z.string().nullable().optional(),
  key_id: z.string().nullable().optional(),
  user_id: z.string().nullable().optional(),
  team_id: z.string().nullable().optional(),
  ...UsageTotalsShape,
});
export type UsageRow = z.infer<typeof UsageRowSchema>;

export const UsageReportSchema = z.object({
  object: z.literal('usage_report'),
  group_by: z.array(z.enum(USAGE_GROUPS)),
  data: z.array(UsageRowSchema),
  totals: z.object(UsageTotalsShape),
});
export type UsageReport = z.infer<typeof UsageReportSchema>;

/** `ledger.v1.usage.export`: one page of per-request usage rows, oldest first. */
export const UsageExportRequestSchema = UsageFilterSchema.extend({
  cursor: z.string().max(200).nullable().optional(),
  limit: z.int().min(1).max(5000).optional(),
});
export type UsageExportRequest = z.infer<typeof UsageExportRequestSchema>;

export const UsageRecordSchema = z.object({
  request_id: z.string(),
  occurred_at: z.string(),
  key_id: z.string().nullable(),
  user_id: z.string().nullable(),
  team_id: z.string().nullable(),
  endpoint: z.string(),
  requested_model: z.string(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  stream: z.boolean(),
  status: z.enum(USAGE_STATUSES),
  error_type: z.string().nullable(),
  input_tokens: z.int(),
  output_tokens: z.int(),
  cached_tokens: z.int(),
  cache_write_tokens: z.int(),
  cost_micro_usd: MicroUsdSchema,
  cost_usd: z.string(),
  price_version: z.string().nullable(),
  usage_estimated: z.boolean(),
  cache_hit: z.boolean(),
  saved_cost_micro_usd: MicroUsdSchema,
  saved_cost_usd: z.string(),
  latency_ms: z.int(),
  time_to_first_token_ms: z.int().nullable(),
});
export type UsageRecord = z.infer<typeof UsageRecordSchema>;

export const UsageExportPageSchema = z.object({
  data: z.array(UsageRecordSchema),
  next_cursor: z.string().nullable(),
});
export type UsageExportPage = z.infer<typeof UsageExportPageSchema>;
