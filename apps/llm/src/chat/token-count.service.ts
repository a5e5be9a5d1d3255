import { DomainError, type LlmTokenCount, type LlmTokenCountRequest } from '@conduit/contracts';
import { createLogger } from '@conduit/telemetry';
import { countRequestTokensAsync } from '@conduit/tokens';
import { Injectable } from '@nestjs/common';
import { ChatRouter } from '../routing/chat-router.service';

/** How long a provider's count may take before Conduit's tokenizer answers instead. */
const PROVIDER_COUNT_TIMEOUT_MS = 5_000;

/**
 * Input tokens of a chat request for the model that would serve it (the head of its chain,
 * within the allow-list): the provider's own count where it has an endpoint for it (Anthropic),
 * else — and when that endpoint fails or is slow — Conduit's tokenizer, which prices every
 * request anyway. Counting is free: nothing is held or charged.
 */
@Injectable()
export class TokenCountService {
  private readonly logger = createLogger('llm');

  constructor(private readonly router: ChatRouter) {}

  async count(payload: LlmTokenCountRequest): Promise<LlmTokenCount> {
    const [entry] = this.router.chainFor(payload.request.model, payload.allowedModels);
    const provider = entry.provider;
    if (provider.countTokens) {
      try {
        const inputTokens = await provider.countTokens({
          request: payload.request,
          upstreamModel: entry.upstreamModel,
          maxOutputTokens: 1,
          signal: AbortSignal.timeout(PROVIDER_COUNT_TIMEOUT_MS),
        });
        return { model: entry.id, inputTokens, countedBy: 'provider' };
      } catch (error) {
        // A request the provider refuses as invalid is the caller's to fix: say so.
        if (isCallersFault(error)) throw error;
        this.logger.warn(
          { err: String(error), model: entry.id, request_id: payload.requestId },
          'provider token count failed; counted with the tokenizer instead',
        );
      }
    }
    const inputTokens = await countRequestTokensAsync(payload.request);
    return { model: entry.id, inputTokens, countedBy: 'tokenizer' };
  }
}

function isCallersFault(error: unknown): boolean {
  return error instanceof DomainError && error.type === 'validation_error';
}
