import {
  DomainError,
  Events,
  storableJson,
  type Charge,
  type ChatCompletionRequest,
  type GuardrailEventFinding,
  type UsageEvent,
} from '@conduit/contracts';
import { DurableEvents, MessagingClient } from '@conduit/messaging';
import { createLogger, metricsRegistry } from '@conduit/telemetry';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { Counter } from 'prom-client';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import type { CallOutcome } from './call-outcome';
import { RequestLogRedaction } from './request-log-redaction';
import type { RateLimitTicket } from '../rate-limit/rate-limit.types';
import type { Admission } from './chat-admission.service';
import { observeGenAi } from '../metrics/genai-metrics';

/** Longest a shutdown waits for usage events still being made (a log redacted) or published. */
const SHUTDOWN_WAIT_MS = 10_000;

const unpublished = new Counter({
  name: 'conduit_usage_events_unpublished_total',
  help: 'Usage events the gateway could not hand to JetStream (each one is unbilled usage).',
  registers: [metricsRegistry],
});

export interface FinishedRequest {
  requestId: string;
  principal: Principal;
  /** `chat.completions` or `messages`: the API the request came through. */
  endpoint: string;
  request: ChatCompletionRequest;
  startedAt: number;
  admission: Admission;
  outcome: CallOutcome;
  /** What the guardrails flagged, redacted or blocked. */
  guardrails: GuardrailEventFinding[];
}

/** Priced work other than chat (embeddings, ingest, search): input tokens only. */
export interface FinishedWork {
  requestId: string;
  principal: Principal;
  /** e.g. `embeddings`, `collections.documents`, `collections.search`, `chat.retrieval`. */
  endpoint: string;
  requestedModel: string;
  startedAt: number;
  rateLimit: RateLimitTicket | null;
  status: UsageEvent['status'];
  errorType: UsageEvent['errorType'];
  inputTokens: number;
  /** Null when nothing was done (the event then releases any budget hold at cost 0). */
  charge: Charge | null;
  cacheHit: boolean;
}

/**
 * Turns every authenticated chat request into exactly one usage event on the durable ledger
 * stream (message id = request id, so a retry is never counted twice), plus — when the team
 * keeps them — a redacted request log. The event settles the request's budget hold.
 */
@Injectable()
export class UsageRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = createLogger('gateway');
  private readonly logs: RequestLogRedaction;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly durable: DurableEvents,
    messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.logs = new RequestLogRedaction(messaging, config);
  }

  async onModuleInit(): Promise<void> {
    await this.durable.ensureLedgerStream();
  }

  /**
   * Events still on their way (a request log being redacted, a publish awaiting its ack) go
   * before the NATS connection closes (in `onApplicationShutdown`): a rolling restart bills
   * every request it served.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.inFlight.size === 0) return;
    const stopWaiting = new AbortController();
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      sleep(SHUTDOWN_WAIT_MS, undefined, { signal: stopWaiting.signal }).catch(() => undefined),
    ]);
    stopWaiting.abort();
  }

  /** Never throws: the response is already on its way; a failure is logged and counted. */
  record(finished: FinishedRequest): Promise<void> {
    return this.tracked(this.recordNow(finished));
  }

  private async recordNow(finished: FinishedRequest): Promise<void> {
    const { requestId, principal, request, outcome, admission } = finished;
    const key = principal.kind === 'key' ? principal.key : null;
    const usage = outcome.usage;
    const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
    // Conduit's addition to OpenAI's usage, filled by providers that report cache writes.
    const written = usage?.prompt_tokens_details?.['cache_creation_tokens'];
    const event: UsageEvent = {
      requestId,
      keyId: key?.keyId ?? null,
      userId: key?.userId ?? null,
      teamId: key?.teamId ?? null,
      endpoint: finished.endpoint,
      requestedModel: request.model,
      model: outcome.charge?.model ?? admission.quote?.model ?? null,
      provider: outcome.charge?.provider ?? admission.quote?.provider ?? null,
      stream: request.stream === true,
      status: outcome.status,
      errorType: outcome.errorType,
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      cachedTokens: cached,
      cacheWriteTokens: typeof written === 'number' && written > 0 ? Math.floor(written) : 0,
      costMicroUsd: outcome.charge?.costMicroUsd ?? 0,
      priceVersion: outcome.charge?.priceVersion ?? null,
      usageEstimated: outcome.usageEstimated,
      cacheHit: outcome.cacheHit !== undefined,
      savedCostMicroUsd: outcome.cacheHit?.savedCostMicroUsd ?? 0,
      guardrails: finished.guardrails,
      latencyMs: Math.max(0, Math.round(performance.now() - finished.startedAt)),
      timeToFirstTokenMs: outcome.timeToFirstTokenMs,
      occurredAt: new Date().toISOString(),
    };
    // Only a request that will be logged pays for redaction, and after its response: the
    // event is published once the log is redacted (or its redaction failed), never without it.
    const requestLog =
      key && key.requestLogRetentionDays > 0
        ? this.requestLogOf(finished, key.requestLogRetentionDays, event.model)
        : null;
    await this.publish(event, admission.rateLimit, requestLog, outcome.timePerOutputChunkMs);
  }

  /** Books priced work that is not chat: one usage event, same guarantees. Never throws. */
  recordWork(work: FinishedWork): Promise<void> {
    const key = work.principal.kind === 'key' ? work.principal.key : null;
    return this.tracked(
      this.publish(
        {
          requestId: work.requestId,
          keyId: key?.keyId ?? null,
          userId: key?.userId ?? null,
          teamId: key?.teamId ?? null,
          endpoint: work.endpoint,
          requestedModel: work.requestedModel,
          model: work.charge?.model ?? null,
          provider: work.charge?.provider ?? null,
          stream: false,
          status: work.status,
          errorType: work.errorType,
          inputTokens: work.inputTokens,
          outputTokens: 0,
          cachedTokens: 0,
          cacheWriteTokens: 0,
          costMicroUsd: work.charge?.costMicroUsd ?? 0,
          priceVersion: work.charge?.priceVersion ?? null,
          usageEstimated: false,
          cacheHit: work.cacheHit,
          savedCostMicroUsd: 0,
          guardrails: [],
          latencyMs: Math.max(0, Math.round(performance.now() - work.startedAt)),
          timeToFirstTokenMs: null,
          occurredAt: new Date().toISOString(),
        },
        work.rateLimit,
      ),
    );
  }

  /** Keeps `recording` in the set a shutdown waits for, until it settles. */
  private tracked(recording: Promise<void>): Promise<void> {
    this.inFlight.add(recording);
    void recording.finally(() => this.inFlight.delete(recording)).catch(() => undefined);
    return recording;
  }

  /**
   * The redacted log of a request, for its team's retention; it rides on the usage event (one
   * message books both). Started on the next turn of the event loop, so an error response
   * (recorded before the filter writes it) is on its way first. Never rejects: a log that
   * cannot be made is left off, and the usage event still goes (exactly one per request).
   * Made storable with the event, after the cut, which may split a surrogate pair.
   */
  private async requestLogOf(
    finished: FinishedRequest,
    retentionDays: number,
    model: string | null,
  ): Promise<UsageEvent['requestLog']> {
    try {
      await nextTurn();
      const { principal } = finished;
      const { request, response } = await this.logs.redact(
        finished.requestId,
        principal.kind === 'key' ? principal.key.guardrails : null,
        finished.request,
        finished.outcome.responseText,
      );
      return { retentionDays, model: model ?? finished.request.model, request, response };
    } catch (error) {
      this.logger.error(
        { request_id: finished.requestId, err: describe(error) },
        'request log could not be redacted; the usage event goes without it',
      );
      return null;
    }
  }

  /**
   * Settles the rate-limit ticket and hands the event, with its request log when one is being
   * redacted (the two run side by side), to JetStream; a failure is logged.
   */
  private async publish(
    event: UsageEvent,
    rateLimit: RateLimitTicket | null,
    requestLog: Promise<UsageEvent['requestLog']> | null = null,
    timePerOutputChunkMs?: number,
  ): Promise<void> {
    observeGenAi(event, timePerOutputChunkMs);
    // A cache hit's tokens were not asked of any provider: they do not count against TPM.
    await rateLimit?.settle(event.cacheHit ? 0 : event.inputTokens + event.outputTokens);
    const log = await requestLog;
    if (log) event.requestLog = log;
    try {
      // Caller text (the model name…) made storable here, so the ledger is never handed an
      // event Postgres refuses; the ledger does it again for publishers that did not.
      await this.durable.publishDurable(Events.ledgerUsageRecorded, storableJson(event), {
        msgId: event.requestId,
      });
    } catch (error) {
      unpublished.inc();
      this.logger.error(
        { request_id: event.requestId, err: describe(error), cost_micro_usd: event.costMicroUsd },
        'usage event could not be published; this request is unbilled',
      );
    }
  }
}

function describe(error: unknown) {
  return error instanceof DomainError ? error.toPayload() : String(error);
}
