import type { DomainError } from '@conduit/contracts';

/**
 * What a failed attempt means for the rest of the request:
 * - `retry`: transient (429, 5xx, 529, connect error, timeout) — worth another attempt on the same model;
 * - `next_model`: this deployment cannot serve it (its key is refused, the upstream model is
 *   missing) — no retry, but a fallback may;
 * - `final`: the caller's own fault (bad request, context too long) or a cancel — the same
 *   request would fail anywhere, so it goes straight back to the caller.
 */
export type FailureDisposition = 'retry' | 'next_model' | 'final';

const TRANSIENT_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

export function classifyFailure(error: DomainError): FailureDisposition {
  if (error.code === 'cancelled') return 'final';
  const status = upstreamStatus(error);
  if (status !== undefined) {
    if (TRANSIENT_STATUSES.has(status) || status >= 500) return 'retry';
    if (status === 401 || status === 403 || status === 404) return 'next_model';
    return 'final';
  }
  switch (error.type) {
    // No upstream status: the provider was never reached, or it stopped answering.
    case 'timeout':
    case 'service_unavailable':
    case 'provider_error':
    case 'rate_limit_exceeded':
      return 'retry';
    default:
      return 'final';
  }
}

/** Does this failure say the deployment is unhealthy (as opposed to the request being bad)? */
export function countsAgainstDeployment(disposition: FailureDisposition): boolean {
  return disposition !== 'final';
}

export function upstreamStatus(error: DomainError): number | undefined {
  const status = error.details?.['upstream_status'];
  return typeof status === 'number' ? status : undefined;
}

export function retryAfterSeconds(error: DomainError): number | undefined {
  const seconds = error.details?.['retry_after_seconds'];
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? seconds
    : undefined;
}
