import { Subjects, type GuardrailPolicy } from '@conduit/contracts';
import type { MessagingClient } from '@conduit/messaging';

/** How long texts wait for company, and how much one `guardrails.v1.redact` carries at most. */
export interface RedactBatchLimits {
  waitMs: number;
  maxRequests: number;
  maxChars: number;
}

export const DEFAULT_REDACT_BATCH: RedactBatchLimits = {
  // Logs are written after the response has gone; a few milliseconds cost nobody anything.
  waitMs: 10,
  maxRequests: 64,
  maxChars: 256 * 1024,
};

interface Waiting {
  texts: string[];
  resolve: (texts: string[]) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  policy: GuardrailPolicy | null;
  requestIds: string[];
  waiting: Waiting[];
  chars: number;
  timer?: NodeJS.Timeout;
}

/**
 * Gathers the request logs finished within a few milliseconds into one `guardrails.v1.redact`
 * per policy (the policy decides which phone regions count, so logs of different policies are
 * not mixed), and hands each its own texts back. One request per log was one NATS round trip
 * and one guardrails handler per logged chat, ~0.2 ms of CPU across the processes under load
 * (bench/results, virtual key); a batch pays that once. A failed batch fails each of its
 * logs, and each falls back on its own (`RequestLogRedaction`).
 */
export class RedactBatcher {
  private readonly open = new Map<string, Batch>();

  constructor(
    private readonly messaging: Pick<MessagingClient, 'request'>,
    private readonly timeoutMsFor: (chars: number) => number,
    private readonly limits: RedactBatchLimits = DEFAULT_REDACT_BATCH,
  ) {}

  redact(requestId: string, policy: GuardrailPolicy | null, texts: string[]): Promise<string[]> {
    const key = JSON.stringify(policy);
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    let batch = this.open.get(key);
    if (batch && batch.chars + chars > this.limits.maxChars) {
      this.flush(key, batch);
      batch = undefined;
    }
    if (!batch) {
      batch = { policy, requestIds: [], waiting: [], chars: 0 };
      const opened = batch;
      batch.timer = setTimeout(() => this.flush(key, opened), this.limits.waitMs);
      this.open.set(key, batch);
    }
    const done = new Promise<string[]>((resolve, reject) => {
      batch.waiting.push({ texts, resolve, reject });
    });
    batch.requestIds.push(requestId);
    batch.chars += chars;
    if (batch.waiting.length >= this.limits.maxRequests) this.flush(key, batch);
    return done;
  }

  private flush(key: string, batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.open.get(key) === batch) this.open.delete(key);
    const texts = batch.waiting.flatMap((waiting) => waiting.texts);
    // The first request's id, so the guardrails' logs and spans lead back to a real request.
    const requestId =
      batch.requestIds.length === 1
        ? batch.requestIds[0]
        : `${batch.requestIds[0]}+${batch.requestIds.length - 1}`;
    this.messaging
      .request(
        Subjects.guardrailsRedact,
        { requestId, policy: batch.policy, texts },
        { timeoutMs: this.timeoutMsFor(batch.chars) },
      )
      .then((result) => {
        if (result.texts.length !== texts.length) {
          throw new Error(`guardrails returned ${result.texts.length} texts for ${texts.length}`);
        }
        let at = 0;
        for (const waiting of batch.waiting) {
          waiting.resolve(result.texts.slice(at, at + waiting.texts.length));
          at += waiting.texts.length;
        }
      })
      .catch((error: unknown) => {
        for (const waiting of batch.waiting) waiting.reject(error);
      });
  }
}
