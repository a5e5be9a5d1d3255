import type { CachePolicy, ChatCompletionRequest } from '@conduit/contracts';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import type { CacheEntryOwner } from './response-cache.store';

/** What the `x-conduit-cache` header says. */
export type CacheStatus = 'hit' | 'miss' | 'bypass';

/** Why a request the policy covers was not looked up (metrics and logs only). */
export type BypassReason = 'request_off' | 'no_store' | 'no_cache' | 'not_deterministic';

/** The cache's part in one request, decided before any lookup. */
export type CachePlan =
  /** The policy has no cache: no lookup, no store, no header. */
  | { kind: 'off' }
  /** The policy caches, but not this request; it may still be stored (`no-cache`). */
  | {
      kind: 'bypass';
      reason: BypassReason;
      store: { ttlSeconds: number; owner: CacheEntryOwner; tenant: string } | null;
    }
  | {
      kind: 'lookup';
      ttlSeconds: number;
      owner: CacheEntryOwner;
      tenant: string;
      /** Semantic mode: also look for similar messages, at this similarity or more. */
      semantic: { threshold: number } | null;
    };

/**
 * The effective policy for a caller (its key's, else its team's — resolved by the ledger into
 * `key.cache` — else the deployment's) and what this request may do with it:
 *  - `conduit.cache: {mode: "off"}` or `cache-control: no-store`: neither read nor write;
 *  - `cache-control: no-cache`: do not serve a cached answer, but store the fresh one;
 *  - under `GATEWAY_CACHE_ELIGIBLE=deterministic` (the default) only requests meant to repeat
 *    (temperature 0, or a seed) are cached: a sampled answer served twice would be a surprise.
 * Requests may ask for less than their policy, never more.
 */
export function planCache(
  principal: Principal,
  request: ChatCompletionRequest,
  cacheControl: string | undefined,
  config: GatewayConfig,
  canonicalModel: string,
): CachePlan {
  const policy: CachePolicy | null = principal.kind === 'key' ? principal.key.cache : null;
  const mode = policy?.mode ?? config.GATEWAY_CACHE_MODE;
  if (mode === 'off') return { kind: 'off' };
  const ttlSeconds = policy?.ttl_seconds ?? config.GATEWAY_CACHE_TTL_SECONDS;
  const tenant = tenantOf(principal);
  const owner: CacheEntryOwner = {
    tenant,
    keyId: principal.kind === 'key' ? principal.key.keyId : null,
    model: canonicalModel,
  };
  const directives = cacheControlDirectives(cacheControl);
  if (request.conduit?.cache?.mode === 'off') {
    return { kind: 'bypass', reason: 'request_off', store: null };
  }
  if (directives.has('no-store')) return { kind: 'bypass', reason: 'no_store', store: null };
  if (config.GATEWAY_CACHE_ELIGIBLE === 'deterministic' && !isDeterministic(request)) {
    return { kind: 'bypass', reason: 'not_deterministic', store: null };
  }
  if (directives.has('no-cache')) {
    return { kind: 'bypass', reason: 'no_cache', store: { ttlSeconds, owner, tenant } };
  }
  const semantic =
    mode === 'semantic'
      ? {
          threshold: policy?.similarity_threshold ?? config.GATEWAY_CACHE_SIMILARITY_THRESHOLD,
        }
      : null;
  return { kind: 'lookup', ttlSeconds, owner, tenant, semantic };
}

/**
 * Entries are shared within a team (every key of a team sees the team's answers) and never
 * across teams; the admin key (and, with auth disabled, anonymous callers) has its own.
 */
export function tenantOf(principal: Principal): string {
  return principal.kind === 'key' ? `team:${principal.key.teamId}` : principal.kind;
}

function isDeterministic(request: ChatCompletionRequest): boolean {
  return request.temperature === 0 || (request.seed !== undefined && request.seed !== null);
}

function cacheControlDirectives(header: string | undefined): Set<string> {
  if (!header) return new Set();
  return new Set(
    header
      .split(',')
      .map((directive) => directive.trim().toLowerCase().split('=')[0])
      .filter((directive) => directive.length > 0),
  );
}
