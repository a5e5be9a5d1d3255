import {
  DomainError,
  EmbeddingUsageSchema,
  type BudgetHold,
  type EmbeddingUsage,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { UsageRecorder } from '../accounting/usage-recorder.service';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { RateLimitTicket } from '../rate-limit/rate-limit.types';
import { budgetHoldOf } from './tenant';

export interface MeteredCall {
  /** The id the budget hold and the usage event go by. */
  requestId: string;
  principal: Principal;
  /** The usage event's endpoint, e.g. `collections.search`. */
  endpoint: string;
  /** Count the call against the key's RPM/TPM (not for the retrieval inside a chat request). */
  rateLimited: boolean;
  /** Receives the rate-limit headers, when there are any. */
  onRateLimit?: (headers: Record<string, string>) => void;
}

/**
 * Retrieval work that embeds (ingest, search, a grounded chat's context) is metered like
 * chat: the retrieval service quotes and holds the cost on the key's budgets before it
 * embeds (the hold travels as `budget`), and the gateway books one usage event afterwards —
 * at cost 0 on failure, which releases any hold.
 */
@Injectable()
export class MeteredRetrieval {
  constructor(
    private readonly usage: UsageRecorder,
    private readonly rateLimiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async run<T extends { embedding: EmbeddingUsage }>(
    meta: MeteredCall,
    call: (budget: BudgetHold) => Promise<T>,
  ): Promise<T> {
    const startedAt = performance.now();
    const key = meta.principal.kind === 'key' ? meta.principal.key : null;
    let ticket: RateLimitTicket | null = null;
    let result: T | null = null;
    let failure: unknown = null;
    try {
      if (meta.rateLimited && key && (key.rpm !== null || key.tpm !== null)) {
        ticket = await this.rateLimiter.admit(key.keyId, { rpm: key.rpm, tpm: key.tpm }, 0);
        meta.onRateLimit?.(ticket.headers);
      }
      result = await call(
        budgetHoldOf(meta.principal, this.config.GATEWAY_RESERVATION_TTL_SECONDS),
      );
      return result;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      const embedding = result?.embedding ?? embeddingOfFailure(failure);
      void this.usage.recordWork({
        requestId: meta.requestId,
        principal: meta.principal,
        endpoint: meta.endpoint,
        requestedModel: embedding?.charge.model ?? '',
        startedAt,
        rateLimit: ticket,
        status: failure === null ? 'success' : 'error',
        errorType:
          failure === null
            ? null
            : failure instanceof DomainError
              ? failure.type
              : 'internal_error',
        inputTokens: embedding?.inputTokens ?? 0,
        charge: embedding?.charge ?? null,
        cacheHit: false,
      });
    }
  }
}

/**
 * An ingest that embedded and then failed to store says what the embedding cost in its
 * error's details: that was spent, so it is charged.
 */
function embeddingOfFailure(failure: unknown): EmbeddingUsage | null {
  if (!(failure instanceof DomainError)) return null;
  const parsed = EmbeddingUsageSchema.safeParse(failure.details?.['embedding']);
  return parsed.success ? parsed.data : null;
}
