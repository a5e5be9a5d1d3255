import { z } from 'zod';
import { BudgetInputSchema, BudgetViewSchema } from './budget.schemas';
import { CachePolicySchema } from '../cache/cache-policy.schema';
import { GuardrailPolicySchema } from '../guardrails/guardrail-policy.schema';
import { KeyIdSchema, NameSchema, TeamIdSchema, UserIdSchema } from './ids.schema';
import { printableText } from '../text/printable-text.schema';

/*
 * The admin API's resources. These are the public REST shapes (snake_case, like OpenAI's);
 * the gateway validates the HTTP body with them and forwards it to the ledger unchanged.
 */

const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const TeamCreateRequestSchema = z.strictObject({
  name: NameSchema,
  budget: BudgetInputSchema.nullable().optional(),
  /** Days request logs (redacted prompts/answers) are kept; 0 keeps none. */
  request_log_retention_days: z.int().min(0).max(3650).optional(),
  /** The team's response cache; its keys follow it unless they name their own. */
  cache: CachePolicySchema.nullable().optional(),
});
export type TeamCreateRequest = z.infer<typeof TeamCreateRequestSchema>;

export const TeamSchema = z.object({
  id: TeamIdSchema,
  object: z.literal('team'),
  name: z.string(),
  budget: BudgetViewSchema.nullable(),
  request_log_retention_days: z.int(),
  cache: CachePolicySchema.nullable(),
  created_at: z.string(),
});
export type Team = z.infer<typeof TeamSchema>;

export const UserCreateRequestSchema = z.strictObject({
  name: NameSchema,
  team_id: TeamIdSchema,
  email: z.email().max(320).nullable().optional(),
  budget: BudgetInputSchema.nullable().optional(),
});
export type UserCreateRequest = z.infer<typeof UserCreateRequestSchema>;

export const UserSchema = z.object({
  id: UserIdSchema,
  object: z.literal('user'),
  team_id: TeamIdSchema,
  name: z.string(),
  email: z.string().nullable(),
  budget: BudgetViewSchema.nullable(),
  created_at: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const KeyCreateRequestSchema = z.strictObject({
  name: NameSchema,
  team_id: TeamIdSchema,
  user_id: UserIdSchema.nullable().optional(),
  /** Catalog model ids the key may call; omitted or null means every model. */
  models: z.array(printableText().min(1)).max(1000).nullable().optional(),
  rpm: z.int().min(1).nullable().optional(),
  tpm: z.int().min(1).nullable().optional(),
  expires_at: IsoDateTimeSchema.nullable().optional(),
  budget: BudgetInputSchema.nullable().optional(),
  /** Per-scanner guardrail modes; what is left out follows the default policy. */
  guardrails: GuardrailPolicySchema.nullable().optional(),
  /** The response cache for this key; omitted or null follows the team's, then the default. */
  cache: CachePolicySchema.nullable().optional(),
});
export type KeyCreateRequest = z.infer<typeof KeyCreateRequestSchema>;

export const ApiKeySchema = z.object({
  id: KeyIdSchema,
  object: z.literal('api_key'),
  name: z.string(),
  /** The first characters of the secret (`sk-cnd-abcd…`), enough to recognise it in a list. */
  prefix: z.string(),
  team_id: TeamIdSchema,
  user_id: UserIdSchema.nullable(),
  models: z.array(z.string()).nullable(),
  rpm: z.int().nullable(),
  tpm: z.int().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  budget: BudgetViewSchema.nullable(),
  guardrails: GuardrailPolicySchema.nullable(),
  cache: CachePolicySchema.nullable(),
  created_at: z.string(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** The admin API's reply to a key creation: the only time the plaintext `key` is shown. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

/**
 * `ledger.v1.key.create`. The gateway generates the secret and sends only its SHA-256 and
 * display prefix, so the plaintext never crosses the bus or reaches the database.
 */
export const LedgerKeyCreateRequestSchema = z.object({
  key: KeyCreateRequestSchema,
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  prefix: z.string().min(1).max(32),
});
export type LedgerKeyCreateRequest = z.infer<typeof LedgerKeyCreateRequestSchema>;

export const TeamListRequestSchema = z.object({});
export const UserListRequestSchema = z.object({ team_id: TeamIdSchema.optional() });
export const KeyListRequestSchema = z.object({
  team_id: TeamIdSchema.optional(),
  user_id: UserIdSchema.optional(),
  include_revoked: z.boolean().optional(),
});
export const KeyRevokeRequestSchema = z.object({ id: KeyIdSchema });

export const TeamListSchema = z.object({ object: z.literal('list'), data: z.array(TeamSchema) });
export const UserListSchema = z.object({ object: z.literal('list'), data: z.array(UserSchema) });
export const ApiKeyListSchema = z.object({
  object: z.literal('list'),
  data: z.array(ApiKeySchema),
});
