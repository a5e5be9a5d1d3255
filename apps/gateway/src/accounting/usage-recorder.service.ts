import {
  DomainError,
  Events,
  storableJson,
  type Charge,
  type ChatCompletionRequest,
  type GuardrailEventFinding,
  type UsageEvent,
} from '@conduit/contracts';
import { DurableEvents } from '@conduit/messaging';
import { createLogger, metricsRegistry } from '@conduit/telemetry';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { Principal } from '../auth/principal';
import type { CallOutcome } from './call-outcome';
import { redactForLog } from './request-log.redactor';
import type { RateLimitTicket } from '../rate-limit/rate-limit.types';
import type { Admission } from './chat-admission.service';

const unpublished = new Counter({
  name: 'conduit_usage_events_unpublished_total',
  help: 'Usage events the gateway could not hand to JetStream (each one is unbilled usage).',
  registers: [metricsRegistry],
});

/** Longest request body kept in a request log. */
const MAX_LOGGED_REQUEST_CHARS = 65_536;

export interface FinishedRequest {
  requestId: string;
  principal: Principal;
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
export class UsageRecorder implements OnModuleInit {
  private readonly logger = createLogger('gateway');

  constructor(private readonly durable: DurableEvents) {}

  async onModuleInit(): Promise<void> {
    await this.durable.ensureLedgerStream();
  }

  /** Never throws: the response is already on its way; a failure is logged and counted. */
  async record(finished: FinishedRequest): Promise<void> {
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
      endpoint: 'chat.completions',
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
      cacheHit: false,
      guardrails: finished.guardrails,
      latencyMs: Math.max(0, Math.round(performance.now() - finished.startedAt)),
      timeToFirstTokenMs: outcome.timeToFirstTokenMs,
      occurredAt: new Date().toISOString(),
    };
    if (key && key.requestLogRetentionDays > 0) {
      event.requestLog = requestLogOf(finished, key.requestLogRetentionDays, event.model);
    }
    await this.publish(event, admission.rateLimit);
  }

  /** Books priced work that is not chat: one usage event, same guarantees. Never throws. */
  async recordWork(work: FinishedWork): Promise<void> {
    const key = work.principal.kind === 'key' ? work.principal.key : null;
    await this.publish(
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
        guardrails: [],
        latencyMs: Math.max(0, Math.round(performance.now() - work.startedAt)),
        timeToFirstTokenMs: null,
        occurredAt: new Date().toISOString(),
      },
      work.rateLimit,
    );
  }

  /** Settles the rate-limit ticket and hands the event to JetStream; a failure is logged. */
  private async publish(event: UsageEvent, rateLimit: RateLimitTicket | null): Promise<void> {
    await rateLimit?.settle(event.inputTokens + event.outputTokens);
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

/**
 * The redacted log of a request, for its team's retention; it rides on the usage event (one
 * message books both). Made storable with the event, after the cut, which may split a
 * surrogate pair into a lone half.
 */
function requestLogOf(
  finished: FinishedRequest,
  retentionDays: number,
  model: string | null,
): NonNullable<UsageEvent['requestLog']> {
  const { request, outcome } = finished;
  return {
    retentionDays,
    model: model ?? request.model,
    request: redactForLog(JSON.stringify(request)).slice(0, MAX_LOGGED_REQUEST_CHARS),
    response: outcome.responseText === null ? null : redactForLog(outcome.responseText),
  };
}

function describe(error: unknown) {
  return error instanceof DomainError ? error.toPayload() : String(error);
}
