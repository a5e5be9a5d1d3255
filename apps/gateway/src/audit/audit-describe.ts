import {
  KeyIdSchema,
  TeamIdSchema,
  UserIdSchema,
  type AuditTarget,
  type BudgetScope,
} from '@conduit/contracts';
import type { AuditContext, AuditDescription } from './audited.decorator';

/*
 * How each admin action is described in its audit entry. Everything here reads what the
 * handler saw, which may be invalid (a failed action is recorded too): ids are kept only when
 * well-formed, other values go through the recorder's sanitiser (length caps, secrets out).
 */

const ID_SCHEMAS = { team_id: TeamIdSchema, user_id: UserIdSchema, key_id: KeyIdSchema } as const;
type IdField = keyof typeof ID_SCHEMAS;

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The id if `value` is one of the kind, else undefined (never a malformed value). */
export function idOf(field: IdField, value: unknown): string | undefined {
  return ID_SCHEMAS[field].safeParse(value).success ? (value as string) : undefined;
}

/** The named fields of `value` that are present (undefined ones left out). */
function pick(value: unknown, fields: readonly string[]): Record<string, unknown> {
  const source = record(value);
  return Object.fromEntries(
    fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]),
  );
}

function target(ids: Partial<Record<IdField, unknown>>): Partial<AuditTarget> {
  const out: Partial<AuditTarget> = {};
  for (const field of Object.keys(ids) as IdField[]) {
    const id = idOf(field, ids[field]);
    if (id !== undefined) out[field] = id;
  }
  return out;
}

/** A path id that is not an id of its kind is still worth showing (truncated) in the summary. */
function pathId(field: IdField, value: unknown): Record<string, unknown> {
  return value === undefined || idOf(field, value) !== undefined ? {} : { invalid_id: value };
}

export const describeTeamCreate = ({ body, result }: AuditContext): AuditDescription => ({
  target: target({ team_id: record(result).id }),
  summary: pick(body, ['name', 'request_log_retention_days', 'budget', 'cache']),
});

/** The user's email is personal data the entry does not need: only whether one was given. */
export const describeUserCreate = ({ body, result }: AuditContext): AuditDescription => ({
  target: target({ user_id: record(result).id, team_id: record(body).team_id }),
  summary: {
    ...pick(body, ['name', 'budget']),
    ...(record(body).email ? { email_given: true } : {}),
  },
});

/** Never the plaintext (`key` in the result) nor its hash: the display prefix identifies it. */
export const describeKeyCreate = ({ body, result }: AuditContext): AuditDescription => ({
  target: target({
    key_id: record(result).id,
    team_id: record(body).team_id,
    user_id: record(body).user_id,
  }),
  summary: {
    ...pick(body, ['name', 'models', 'rpm', 'tpm', 'expires_at', 'budget', 'guardrails', 'cache']),
    ...pick(result, ['prefix']),
  },
});

export const describeKeyRevoke = ({ params, result }: AuditContext): AuditDescription => ({
  target: target({
    key_id: params.id,
    team_id: record(result).team_id,
    user_id: record(result).user_id,
  }),
  summary: { ...pathId('key_id', params.id), ...pick(result, ['name', 'prefix', 'revoked_at']) },
});

const BUDGET_OWNER_FIELD: Record<BudgetScope, IdField> = {
  team: 'team_id',
  user: 'user_id',
  key: 'key_id',
};

export function describeBudgetSet(scope: BudgetScope) {
  return ({ params, body }: AuditContext): AuditDescription => ({
    target: target({ [BUDGET_OWNER_FIELD[scope]]: params.id }),
    summary: {
      scope,
      ...pathId(BUDGET_OWNER_FIELD[scope], params.id),
      ...pick(body, ['amount_usd', 'period']),
    },
  });
}

export function describeBudgetRemove(scope: BudgetScope) {
  return ({ params }: AuditContext): AuditDescription => ({
    target: target({ [BUDGET_OWNER_FIELD[scope]]: params.id }),
    summary: { scope, ...pathId(BUDGET_OWNER_FIELD[scope], params.id) },
  });
}

export const describeCachePurge = ({ body, result }: AuditContext): AuditDescription => ({
  target: target({ team_id: record(body).team_id, key_id: record(body).key_id }),
  summary: {
    ...pick(body, ['model']),
    ...pick(result, ['purged', 'semantic_index_dropped']),
  },
});
