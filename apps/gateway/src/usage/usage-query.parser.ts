import {
  PermissionDeniedError,
  USAGE_GROUPS,
  UsageExportRequestSchema,
  UsageQueryRequestSchema,
  type UsageExportRequest,
  type UsageQueryRequest,
} from '@conduit/contracts';
import { z } from 'zod';
import { parseInput } from '../http/parse-input';
import type { Principal } from '../auth/principal';

/** `?group_by=day,model` (or repeated `group_by=`) as the list the contract wants. */
const GroupByParamSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((part) => part.split(','))
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  )
  .pipe(z.array(z.enum(USAGE_GROUPS)));

const UsageQueryParamsSchema = z.looseObject({ group_by: GroupByParamSchema.optional() });

export function parseUsageQuery(query: unknown, principal: Principal): UsageQueryRequest {
  const { group_by, ...filters } = parseInput(UsageQueryParamsSchema, query ?? {});
  const request = parseInput(UsageQueryRequestSchema, {
    ...filters,
    ...(group_by ? { group_by: [...new Set(group_by)] } : {}),
  });
  return scopeToPrincipal(request, principal);
}

const ExportParamsSchema = z.looseObject({ format: z.enum(['csv']).default('csv') });

export function parseUsageExport(query: unknown, principal: Principal): UsageExportRequest {
  const filters: Record<string, unknown> = { ...parseInput(ExportParamsSchema, query ?? {}) };
  delete filters.format; // the only format is CSV; the rest are the export's filters
  return scopeToPrincipal(parseInput(UsageExportRequestSchema, filters), principal);
}

/** A virtual key sees its own usage only; the admin (and anonymous local use) sees all. */
function scopeToPrincipal<T extends { key_id?: string; user_id?: string; team_id?: string }>(
  request: T,
  principal: Principal,
): T {
  if (principal.kind !== 'key') return request;
  const { key } = principal;
  const foreign =
    (request.key_id !== undefined && request.key_id !== key.keyId) ||
    (request.user_id !== undefined && request.user_id !== key.userId) ||
    (request.team_id !== undefined && request.team_id !== key.teamId);
  if (foreign) {
    throw new PermissionDeniedError('A virtual key can only see its own usage.', {
      code: 'usage_scope_denied',
    });
  }
  return { ...request, key_id: key.keyId };
}
