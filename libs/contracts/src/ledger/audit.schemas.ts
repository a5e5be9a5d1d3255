import { z } from 'zod';
import { KeyIdSchema, TeamIdSchema, UserIdSchema } from './ids.schema';

/*
 * The admin audit log: one entry per admin action (every mutating route under /v1/admin),
 * recorded by the gateway after the action — succeeded or failed — and kept by the ledger in
 * `audit_events`, append-only, for LEDGER_AUDIT_RETENTION_DAYS. Snake_case: these are the
 * REST shapes of `GET /v1/admin/audit`, forwarded unchanged on the bus.
 *
 * Written by request/reply (`ledger.v1.audit.record`), not as a JetStream event: the gateway
 * awaits the ledger's commit before it answers the admin, so the admin's next read of the log
 * sees the entry; an entry the ledger cannot take yet is retried by the gateway and logged,
 * never dropped without a trace (see the gateway's AuditRecorder).
 */

export const AUDIT_OUTCOMES = ['succeeded', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** `admin` (the admin key), `key` (a virtual key: `actor` is its id), `anonymous` (auth off). */
export const AUDIT_ACTOR_TYPES = ['admin', 'key', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export const AuditEventIdSchema = z
  .string()
  .regex(/^aud_[0-9a-f]{32}$/, 'must be an audit event id like aud_<32 hex>');

/** `<entity>.<verb>`, e.g. `team.create`, `key.revoke`, `budget.set`, `cache.purge`. */
export const AuditActionSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must look like entity.verb');

/** The ids the action was about (the subject of the entry); null when it names none of a kind. */
export const AuditTargetSchema = z.strictObject({
  team_id: TeamIdSchema.nullable(),
  user_id: UserIdSchema.nullable(),
  key_id: KeyIdSchema.nullable(),
});
export type AuditTarget = z.infer<typeof AuditTargetSchema>;

/** Most bytes of JSON a summary may take (it describes the change; it never holds secrets). */
export const AUDIT_SUMMARY_MAX_BYTES = 8 * 1024;

export const AuditSummarySchema = z
  .record(z.string(), z.json())
  .refine(
    (summary) => Buffer.byteLength(JSON.stringify(summary)) <= AUDIT_SUMMARY_MAX_BYTES,
    `must be at most ${AUDIT_SUMMARY_MAX_BYTES} bytes of JSON`,
  );

const AuditEntryShape = {
  /** The gateway's request id (`x-request-id`): one admin request, one entry. */
  request_id: z.string().min(1).max(200),
  /** When the action finished (the gateway's clock). */
  occurred_at: z.iso.datetime({ offset: true }),
  /** `admin`, `anonymous`, or the acting key's id. */
  actor: z.string().min(1).max(100),
  actor_type: z.enum(AUDIT_ACTOR_TYPES),
  action: AuditActionSchema,
  /** The route as registered, e.g. `DELETE /v1/admin/keys/:id`. */
  route: z.string().min(1).max(300),
  target: AuditTargetSchema,
  /** What changed, without secrets (never a key's plaintext or hash). */
  summary: AuditSummarySchema,
  outcome: z.enum(AUDIT_OUTCOMES),
  /** The HTTP status the admin got. */
  status: z.int().min(100).max(599),
  /** For a failed action: the error's type and code as the admin saw them. */
  error_type: z.string().max(100).nullable(),
  error_code: z.string().max(100).nullable(),
};

/** `ledger.v1.audit.record`: idempotent by request id (a retried record is stored once). */
export const AuditRecordRequestSchema = z.strictObject(AuditEntryShape);
export type AuditRecordRequest = z.infer<typeof AuditRecordRequestSchema>;

export const AuditRecordResultSchema = z.object({
  id: AuditEventIdSchema,
  /** True when an entry for this request id was already stored (a retry). */
  duplicate: z.boolean(),
});
export type AuditRecordResult = z.infer<typeof AuditRecordResultSchema>;

export const AuditEventSchema = z.object({
  id: AuditEventIdSchema,
  object: z.literal('audit_event'),
  ...AuditEntryShape,
  summary: z.record(z.string(), z.unknown()),
  recorded_at: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * Filters of `GET /v1/admin/audit` and its export. `from` inclusive, `to` exclusive (dates or
 * date-times, on `occurred_at`); `action` matches itself and its sub-actions (`budget` finds
 * `budget.set` and `budget.remove`); the ids match the entry's target.
 */
export const AuditFilterSchema = z.strictObject({
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  actor: z.string().min(1).max(100).optional(),
  action: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must look like entity or entity.verb')
    .optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  team_id: TeamIdSchema.optional(),
  user_id: UserIdSchema.optional(),
  key_id: KeyIdSchema.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AUDIT_LIST_MAX_LIMIT = 1000;

/** The query string of `GET /v1/admin/audit` (numbers arrive as text). */
export const AuditListQuerySchema = AuditFilterSchema.extend({
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'must be a whole number')
    .refine((text) => {
      const limit = Number(text);
      return limit >= 1 && limit <= AUDIT_LIST_MAX_LIMIT;
    }, `must be between 1 and ${AUDIT_LIST_MAX_LIMIT}`)
    .optional(),
  cursor: z.string().min(1).max(200).optional(),
});

/** The query string of `GET /v1/admin/audit/export`. */
export const AuditExportQuerySchema = AuditFilterSchema.extend({
  format: z.enum(['csv']).optional(),
});

/**
 * `ledger.v1.audit.list`: a page of entries, newest first (`desc`, the list) or oldest first
 * (`asc`, the export). A page is also cut to fit one NATS message.
 */
export const AuditListRequestSchema = AuditFilterSchema.extend({
  limit: z.int().min(1).max(AUDIT_LIST_MAX_LIMIT).optional(),
  cursor: z.string().min(1).max(200).nullable().optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type AuditListRequest = z.infer<typeof AuditListRequestSchema>;

export const AuditListSchema = z.object({
  object: z.literal('list'),
  data: z.array(AuditEventSchema),
  /** Pass as `cursor` for the next page; null on the last. */
  next_cursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof AuditListSchema>;
