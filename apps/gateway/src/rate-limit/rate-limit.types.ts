/** A key's limits; `null` means unlimited. */
export interface RateLimits {
  /** Requests per minute. */
  rpm: number | null;
  /** Tokens (input + output) per minute. */
  tpm: number | null;
}

/**
 * OpenAI's rate-limit response headers (`x-ratelimit-limit-requests`,
 * `x-ratelimit-remaining-tokens`, `x-ratelimit-reset-requests`, …), only for the limits that are set.
 */
export interface RateLimitHeaders {
  [name: string]: string;
}

/** What an admitted request carries until its real token usage is known. */
export interface RateLimitTicket {
  headers: RateLimitHeaders;
  /**
   * Replaces the admission's token estimate with the real count (adds `actual - estimated`).
   * Never throws: a failure is logged, because the response has already been served. Only the
   * first call counts.
   */
  settle(actualTokens: number): Promise<void>;
  /**
   * Counts `tokens` more as this request's estimate, for a request admitted before its prompt
   * was priced (so a refused request never waits for tokenising). Throws only when the store
   * fails in closed mode, like admission.
   */
  addEstimate(tokens: number): Promise<void>;
}

/** For `/health/ready`. */
export interface RateLimiterHealth {
  ok: boolean;
  detail?: string;
}
