import {
  PermissionDeniedError,
  Subjects,
  type ChatCompletionRequest,
  type ChatQuote,
  type VerifiedKey,
} from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { LedgerClient } from '../ledger/ledger.client';
import { EdgeCatalog } from './edge-catalog.service';
import { RateLimiter, type RateLimitTicket } from '../rate-limit/rate-limiter';

/** What letting one request through committed: its quote, rate-limit ticket and budget hold. */
export interface Admission {
  quote: ChatQuote | null;
  rateLimit: RateLimitTicket | null;
  reserved: boolean;
}

export const NOTHING_ADMITTED: Admission = { quote: null, rateLimit: null, reserved: false };

/**
 * Decides whether a virtual key may make this chat request, before any provider is called, in
 * two steps so the cheap refusals come first: `admitRate` (RPM/TPM, one Redis call) before the
 * prompt is screened or tokenised, then `admitPriced` on the prompt exactly as it will be sent
 * (after grounding, redaction and the guardrails' canary): the quote, the model allow-list, the
 * quote's tokens on the TPM window, and the worst-case cost held against every budget that
 * applies. Each step runs only when the key needs it, so an unrestricted key costs no hop.
 */
@Injectable()
export class ChatAdmission {
  constructor(
    private readonly catalog: EdgeCatalog,
    private readonly ledger: LedgerClient,
    private readonly rateLimiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** RPM/TPM: refuses a key whose window is full; the request's tokens are added once priced. */
  async admitRate(key: VerifiedKey, admitted: Admission): Promise<void> {
    if (key.rpm === null && key.tpm === null) return;
    admitted.rateLimit = await this.rateLimiter.admit(key.keyId, { rpm: key.rpm, tpm: key.tpm }, 0);
  }

  /** The quote, allow-list, TPM estimate and budget hold for the request as it will be sent. */
  async admitPriced(
    requestId: string,
    key: VerifiedKey,
    request: ChatCompletionRequest,
    admitted: Admission,
  ): Promise<void> {
    await this.admitModel(requestId, key, request, admitted);
    await this.hold(requestId, key, request, admitted);
  }

  /**
   * The first half of `admitPriced`: the allow-list (quoting first only when the requested name
   * is not on it as written, to compare its canonical id). A response cache lookup goes between
   * the halves: a hit is served without a quote or a budget hold.
   */
  async admitModel(
    requestId: string,
    key: VerifiedKey,
    request: ChatCompletionRequest,
    admitted: Admission,
  ): Promise<void> {
    if (key.models === null) return;
    if (!key.models.includes(request.model)) {
      admitted.quote = await this.catalog.quote(requestId, request, key.models);
    }
    assertModelAllowed(key, request.model, admitted.quote);
  }

  /**
   * The second half of `admitPriced`: the quote (when the key has a budget or a TPM limit and
   * none was made yet), its tokens on the TPM window and the budget hold.
   */
  async hold(
    requestId: string,
    key: VerifiedKey,
    request: ChatCompletionRequest,
    admitted: Admission,
  ): Promise<void> {
    if (!admitted.quote && (key.budgeted || key.tpm !== null)) {
      // Aliases resolved, input tokens counted and the worst case priced here, from the llm
      // service's catalog snapshot.
      admitted.quote = await this.catalog.quote(requestId, request, key.models);
    }
    // The TPM estimate (Redis) and the budget hold (ledger) are independent: both go out at
    // once, so a budgeted request waits one round trip here, not two. Whichever fails, the
    // other's effect is undone as before — the hold by the usage event (`admitted.reserved`
    // is set only once it is in place), the estimate by settling the ticket.
    const estimate =
      admitted.rateLimit && admitted.quote
        ? admitted.rateLimit.addEstimate(
            admitted.quote.inputTokens + admitted.quote.maxOutputTokens,
          )
        : Promise.resolve();
    const [estimated, reserved] = await Promise.allSettled([
      estimate,
      this.reserve(requestId, key, admitted),
    ]);
    if (reserved.status === 'rejected') throw reserved.reason;
    if (estimated.status === 'rejected') throw estimated.reason;
  }

  /**
   * The steps after pricing, for any priced work (chat, embeddings): the allow-list (by the
   * requested or the canonical id), RPM/TPM with the quote's tokens as the estimate, and the
   * worst case held against the key's budgets. `admitted.quote` must be set when the key has
   * a budget, a TPM limit or an allow-list the requested name is not on.
   */
  async admitQuoted(
    requestId: string,
    key: VerifiedKey,
    requestedModel: string,
    admitted: Admission,
  ): Promise<void> {
    if (key.models !== null) assertModelAllowed(key, requestedModel, admitted.quote);

    if (key.rpm !== null || key.tpm !== null) {
      const estimate = admitted.quote
        ? admitted.quote.inputTokens + admitted.quote.maxOutputTokens
        : 0;
      admitted.rateLimit = await this.rateLimiter.admit(
        key.keyId,
        { rpm: key.rpm, tpm: key.tpm },
        estimate,
      );
    }

    await this.reserve(requestId, key, admitted);
  }

  private async reserve(requestId: string, key: VerifiedKey, admitted: Admission): Promise<void> {
    if (!key.budgeted || !admitted.quote) return;
    await this.ledger.request(Subjects.ledgerBudgetReserve, {
      requestId,
      keyId: key.keyId,
      amountMicroUsd: admitted.quote.worstCaseMicroUsd,
      ttlSeconds: this.config.GATEWAY_RESERVATION_TTL_SECONDS,
    });
    admitted.reserved = true;
  }
}

function assertModelAllowed(key: VerifiedKey, requested: string, quote: ChatQuote | null): void {
  const models = key.models ?? [];
  if (models.includes(requested) || (quote !== null && models.includes(quote.model))) return;
  throw new PermissionDeniedError(
    `This key may not use the model '${requested}'. Allowed: ${models.join(', ') || 'none'}.`,
    { code: 'model_not_allowed', param: 'model' },
  );
}
