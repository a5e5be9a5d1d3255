import { z } from 'zod';
import { ERROR_TYPES } from '../errors/error-type';
import { MicroUsdSchema } from '../billing/charge.schema';
import { GuardrailScannerSchema, GUARDRAIL_ACTIONS } from '../guardrails/guardrail-scan.schemas';
import { KeyIdSchema, TeamIdSchema, UserIdSchema } from './ids.schema';

export const USAGE_STATUSES = ['success', 'error', 'cancelled'] as const;
export type UsageStatus = (typeof USAGE_STATUSES)[number];

/** A guardrail finding as the usage record keeps it: what and what was done, no text. */
export const GuardrailEventFindingSchema = z.object({
  scanner: GuardrailScannerSchema,
  kind: z.string(),
  action: z.enum(GUARDRAIL_ACTIONS),
});
export type GuardrailEventFinding = z.infer<typeof GuardrailEventFindingSchema>;

/**
 * `ledger.v1.usage.recorded`, on the JetStream usage stream with the request id as message
 * id: exactly one per authenticated request, successful or not. It settles the request's
 * budget reservation (a failure with no tokens releases it). No prompt or answer text here —
 * that goes to the request log.
 */
export const UsageEventSchema = z.object({
  requestId: z.string().min(1),
  keyId: KeyIdSchema.nullable(),
  userId: UserIdSchema.nullable(),
  teamId: TeamIdSchema.nullable(),
  endpoint: z.string().min(1),
  /** The model the client asked for. */
  requestedModel: z.string(),
  /** The catalog model that served it (null when no model was reached). */
  model: z.string().nullable(),
  provider: z.string().nullable(),
  stream: z.boolean(),
  status: z.enum(USAGE_STATUSES),
  errorType: z.enum(ERROR_TYPES).nullable(),
  inputTokens: z.int().nonnegative(),
  outputTokens: z.int().nonnegative(),
  /** Prompt tokens read from the provider's prompt cache (part of inputTokens). */
  cachedTokens: z.int().nonnegative(),
  /**
   * Prompt tokens written to the provider's prompt cache (part of inputTokens; Anthropic).
   * Defaults to 0 so events published before the field existed still validate.
   */
  cacheWriteTokens: z.int().nonnegative().default(0),
  costMicroUsd: MicroUsdSchema,
  priceVersion: z.string().nullable(),
  /** True when Conduit counted the tokens because the provider reported none. */
  usageEstimated: z.boolean(),
  cacheHit: z.boolean(),
  /**
   * A cache hit's provider cost avoided: what the answer cost when it was first made (0 for a
   * miss). Defaults to 0 so events published before the field existed still validate.
   */
  savedCostMicroUsd: MicroUsdSchema.default(0),
  /**
   * What the guardrails flagged, redacted or blocked (scanner, kind, action; never the text).
   * Defaults to none so events published before the field existed still validate.
   */
  guardrails: z.array(GuardrailEventFindingSchema).default([]),
  latencyMs: z.int().nonnegative(),
  timeToFirstTokenMs: z.int().nonnegative().nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
  /**
   * The request's log, when its team keeps one: carried by the usage event itself so one
   * JetStream message books both (the ledger stores it like a `ledger.v1.request.logged`).
   */
  requestLog: z
    .object({
      retentionDays: z.int().min(1),
      model: z.string(),
      /** Redacted request body (JSON text). */
      request: z.string(),
      /** Redacted answer text, null when there was none. */
      response: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type UsageEvent = z.infer<typeof UsageEventSchema>;

/**
 * `ledger.v1.request.logged`, on the same stream: the redacted prompt and answer of one
 * request, kept apart from the money tables and deleted when the team's retention ends.
 */
export const RequestLogEventSchema = z.object({
  requestId: z.string().min(1),
  keyId: KeyIdSchema.nullable(),
  teamId: TeamIdSchema.nullable(),
  retentionDays: z.int().min(1),
  model: z.string(),
  /** Redacted request body (JSON text). */
  request: z.string(),
  /** Redacted answer text, null when there was none. */
  response: z.string().nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type RequestLogEvent = z.infer<typeof RequestLogEventSchema>;
