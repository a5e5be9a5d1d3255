import type { RateLimitHeaders, RateLimits } from './rate-limit.types';
import type { WindowUsage } from './rate-limit.store';

/**
 * OpenAI's `x-ratelimit-*` headers for the limits that are set, so clients written against
 * OpenAI (and their dashboards) read Conduit's limits unchanged.
 */
export function toRateLimitHeaders(
  limits: RateLimits,
  requests: WindowUsage | null,
  tokens: WindowUsage | null,
): RateLimitHeaders {
  const headers: RateLimitHeaders = {};
  if (limits.rpm !== null && requests) addHeaders(headers, 'requests', limits.rpm, requests);
  if (limits.tpm !== null && tokens) addHeaders(headers, 'tokens', limits.tpm, tokens);
  return headers;
}

function addHeaders(
  headers: RateLimitHeaders,
  kind: 'requests' | 'tokens',
  limit: number,
  usage: WindowUsage,
): void {
  headers[`x-ratelimit-limit-${kind}`] = String(limit);
  headers[`x-ratelimit-remaining-${kind}`] = String(Math.max(0, limit - usage.used));
  headers[`x-ratelimit-reset-${kind}`] = formatResetDuration(usage.resetMs);
}

/** OpenAI's duration format: `20ms`, `1s`, `8.64s`, `6m0s`, `1h2m3s`. */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total < 1_000) return total === 0 ? '0s' : `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = String((total % 60_000) / 1_000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
