import type { MaxTokensPolicy } from '@conduit/catalog';
/**
 * How the llm service treats calls to one model when things go wrong: how long it waits, how
 * often it retries, and what a request asking for more output than the model gives gets.
 */
export interface ModelTimeouts {
  /** Until the first streamed chunk of one attempt; streaming only (a JSON answer has no first token). */
  firstTokenMs: number;
  /** One attempt from request to last byte. */
  totalMs: number;
}

export interface RetryPolicy {
  /** Attempts on this model, the first included (1 = no retries). */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /**
   * No retry starts, and no backoff wait is begun, later than this after the first attempt on
   * the model began; the next model of the fallback chain then gets its own deadline.
   */
  deadlineMs: number;
}

export interface CircuitBreakerSettings {
  failureRateThreshold: number;
  minimumRequests: number;
  windowMs: number;
  openDurationMs: number;
  halfOpenMaxProbes: number;
}

export type { MaxTokensPolicy };

export interface ModelPolicy {
  timeouts: ModelTimeouts;
  retry: RetryPolicy;
  maxTokensPolicy: MaxTokensPolicy;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 250,
  maxDelayMs: 4_000,
  multiplier: 2,
  deadlineMs: 30_000,
};

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = {
  failureRateThreshold: 0.5,
  minimumRequests: 10,
  windowMs: 60_000,
  openDurationMs: 30_000,
  halfOpenMaxProbes: 1,
};

export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 60_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
