import {
  DomainError,
  InternalError,
  ServiceUnavailableError,
  TimeoutError,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
} from '@conduit/contracts';
import { Injectable } from '@nestjs/common';
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import { startProviderSpan } from '../chat/provider-span';
import type { ProviderCall, ProviderCompletion } from '../providers/chat-provider';
import { recordFallback, recordRetry, type FallbackReason } from '../metrics/routing-metrics';
import { nextRetryDelayMs } from '../resilience/backoff';
import { PromptSize } from '@conduit/catalog';
import { AttemptSignals } from './attempt-signals';
import { CircuitBreakers } from './circuit-breakers.service';
import { classifyFailure, retryAfterSeconds } from './failure-classification';
import { fitRequest } from '@conduit/catalog';
import { withFirstChunk } from './with-first-chunk';

export interface RouteOptions {
  /** Names the caller may use (a key's allow-list); fallbacks outside it are skipped. */
  allowedModels?: readonly string[] | null;
  /** The caller went away: stop retrying, abort the attempt. */
  signal?: AbortSignal;
}

/** A successful attempt: which model served, its span (ended by the caller) and its signals. */
export interface Served<T> {
  entry: CatalogEntry;
  result: T;
  span: Span;
  attempt: AttemptSignals;
  /** Prices are those in effect when the serving attempt began. */
  startedAt: Date;
  /**
   * Tells the deployment's circuit breaker how the call ended. A JSON answer has settled it
   * already; a stream settles when it ends, so a provider that accepts streams and then cuts
   * them still opens its breaker.
   */
  settle(outcome: StreamOutcome): void;
}

/** `neutral`: says nothing of the deployment's health (a cancel, the caller's own fault). */
export type StreamOutcome = 'success' | 'failure' | 'neutral';

type Attempt<T> = (entry: CatalogEntry, call: ProviderCall, signals: AttemptSignals) => Promise<T>;

/**
 * Sends a chat request to the model asked for, and when it fails transiently retries it with
 * exponential backoff and full jitter (honouring Retry-After) within the model's deadline,
 * then tries the fallback chain. Each deployment's circuit breaker is asked first and told
 * the outcome. A stream is only "served" once its first chunk arrived, so everything before
 * the first byte reaches the client can be retried and nothing after.
 */
@Injectable()
export class ChatRouter {
  constructor(
    private readonly catalog: ModelCatalogService,
    private readonly breakers: CircuitBreakers,
  ) {}

  /** The models a request may be served by, in order: the one asked for, then its fallbacks. */
  chainFor(model: string, allowedModels?: readonly string[] | null): CatalogEntry[] {
    // The gateway has checked the model asked for; only fallbacks are filtered here.
    return this.catalog.chainFor(model, allowedModels);
  }

  complete(request: ChatCompletionRequest, options: RouteOptions = {}) {
    return this.route<ProviderCompletion>(request, options, false, (entry, call) =>
      entry.provider.complete(call),
    );
  }

  stream(request: ChatCompletionRequest, options: RouteOptions = {}) {
    return this.route<AsyncIterable<ChatCompletionChunk>>(
      request,
      options,
      true,
      async (entry, call, signals) => {
        const chunks = await entry.provider.stream(call);
        const stream = await withFirstChunk(chunks);
        signals.firstTokenArrived();
        return stream;
      },
    );
  }

  private async route<T>(
    request: ChatCompletionRequest,
    options: RouteOptions,
    streaming: boolean,
    attempt: Attempt<T>,
  ): Promise<Served<T>> {
    const chain = this.chainFor(request.model, options.allowedModels);
    const caller = options.signal;
    const input = new PromptSize(request);
    await input.countIfLong();
    let lastFailure: DomainError | undefined;
    let unfit: unknown;
    let skippedOpen: CatalogEntry | undefined;
    // Why the last model was left for the next one: the label of the fallback that follows.
    let leftBecause: FallbackReason = 'error';

    for (const [position, entry] of chain.entries()) {
      let call: ProviderCall;
      try {
        const fitted = fitRequest(entry, request, input);
        call = {
          request: fitted.request,
          upstreamModel: entry.upstreamModel,
          maxOutputTokens: fitted.maxOutputTokens,
        };
      } catch (error) {
        unfit ??= error;
        leftBecause = 'unfit';
        continue;
      }
      const breaker = this.breakers.of(entry.provider.name);
      const { retry, timeouts } = entry.policy;
      const modelStartedAt = Date.now();
      for (let attemptIndex = 0; ; attemptIndex++) {
        const permit = breaker.tryAcquire();
        if (!permit) {
          skippedOpen ??= entry;
          leftBecause = 'circuit_open';
          break;
        }
        if (position > 0 && attemptIndex === 0) recordFallback(chain[0].id, entry.id, leftBecause);
        const signals = new AttemptSignals(caller, timeouts, streaming);
        const span = startProviderSpan(entry, streaming);
        span.setAttribute('conduit.attempt', attemptIndex + 1);
        const startedAt = new Date();
        try {
          const result = await context.with(trace.setSpan(context.active(), span), () =>
            attempt(entry, { ...call, signal: signals.signal }, signals),
          );
          if (!streaming) permit.succeeded();
          const settle = (outcome: StreamOutcome) => {
            if (outcome === 'success') permit.succeeded();
            else if (outcome === 'failure') permit.failed();
            else permit.released();
          };
          return { entry, result, span, attempt: signals, startedAt, settle };
        } catch (raw) {
          signals.dispose();
          const error = signals.explain(raw) ?? unexpected(raw);
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
          span.end();
          const disposition = error instanceof InternalError ? 'final' : classifyFailure(error);
          if (disposition === 'final') {
            permit.released();
            throw error;
          }
          permit.failed();
          lastFailure = error;
          leftBecause = 'error';
          if (disposition === 'next_model' || attemptIndex + 1 >= retry.maxAttempts) break;
          const delay = nextRetryDelayMs(retry, attemptIndex, retryAfterSeconds(error));
          if (Date.now() + delay - modelStartedAt > retry.deadlineMs) break;
          await sleepUnlessCancelled(delay, caller);
          recordRetry(entry.id, error.type);
        }
      }
    }
    if (lastFailure) throw lastFailure;
    if (skippedOpen) throw circuitOpen(skippedOpen, this.breakers);
    throw unfit;
  }
}

async function sleepUnlessCancelled(ms: number, caller: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal: caller });
  } catch {
    throw new TimeoutError('The client cancelled the request.', { code: 'cancelled' });
  }
}

function circuitOpen(entry: CatalogEntry, breakers: CircuitBreakers): ServiceUnavailableError {
  const deployment = entry.provider.name;
  const snapshot = breakers.of(deployment).snapshot();
  return new ServiceUnavailableError(
    `The ${deployment} provider is failing and calls to it are paused (circuit open); no fallback could serve '${entry.id}'.`,
    {
      code: 'circuit_open',
      details: {
        deployment,
        retry_after_seconds:
          snapshot.retryAt === undefined
            ? undefined
            : Math.max(0, Math.ceil((snapshot.retryAt - Date.now()) / 1000)),
      },
    },
  );
}

function unexpected(error: unknown): InternalError {
  return new InternalError('The provider call failed unexpectedly.', { cause: error });
}
