import { z } from 'zod';
import { CachePolicySchema } from '../cache/cache-policy.schema';
import { GuardrailPolicySchema } from '../guardrails/guardrail-policy.schema';
import { KeyIdSchema, TeamIdSchema, UserIdSchema } from './ids.schema';

/** `ledger.v1.key.verify`: look a virtual key up by the SHA-256 of its secret. */
export const KeyVerifyRequestSchema = z.object({
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type KeyVerifyRequest = z.infer<typeof KeyVerifyRequestSchema>;

/**
 * What the gateway needs to authorise a request with a key; it caches this briefly.
 * Unknown, revoked and expired keys are an authentication_error instead.
 */
export const VerifiedKeySchema = z.object({
  keyId: KeyIdSchema,
  name: z.string(),
  teamId: TeamIdSchema,
  userId: UserIdSchema.nullable(),
  /** Allowed catalog model ids; null means every model. */
  models: z.array(z.string()).nullable(),
  rpm: z.int().nullable(),
  tpm: z.int().nullable(),
  expiresAt: z.string().nullable(),
  /** True when a budget applies to the key, its user or its team, so requests must reserve. */
  budgeted: z.boolean(),
  /** The team's request-log retention in days; 0 means prompts and answers are not logged. */
  requestLogRetentionDays: z.int().nonnegative(),
  /** The key's guardrail policy (merged over the service default); null: the default. */
  guardrails: GuardrailPolicySchema.nullable().default(null),
  /** The key's response cache policy, else its team's; null: the deployment's default. */
  cache: CachePolicySchema.nullable().default(null),
});
export type VerifiedKey = z.infer<typeof VerifiedKeySchema>;

/**
 * `ledger.v1.key.invalidated`, published (not queued) to every gateway replica when a key is
 * revoked or anything its verification depends on changes (budgets, team settings).
 */
export const KeyInvalidatedEventSchema = z.union([
  z.object({ keyIds: z.array(KeyIdSchema) }),
  z.object({ all: z.literal(true) }),
]);
export type KeyInvalidatedEvent = z.infer<typeof KeyInvalidatedEventSchema>;
