import type { Charge, ErrorType, Usage, UsageStatus } from '@conduit/contracts';

/** How one model call ended, as much as the gateway learned of it; feeds the usage event. */
export interface CallOutcome {
  status: UsageStatus;
  errorType: ErrorType | null;
  usage: Usage | null;
  charge: Charge | null;
  usageEstimated: boolean;
  timeToFirstTokenMs: number | null;
  /** A stream's mean time between chunks after the first (`time_per_output_chunk`). */
  timePerOutputChunkMs?: number;
  /** The answer text, for the request log (capped at MAX_LOGGED_ANSWER_CHARS). */
  responseText: string | null;
  /**
   * Set when the answer came from the response cache: the request cost nothing, and this is
   * what the answer cost when it was made (the usage row's `saved_cost`).
   */
  cacheHit?: { savedCostMicroUsd: number };
}

/** Longest answer kept for the request log; the money tables never hold text at all. */
export const MAX_LOGGED_ANSWER_CHARS = 32_768;
