import {
  Subjects,
  type LlmChatCompleteRequest,
  type LlmChatQuoteRequest,
  type LlmChatStreamRequest,
  type LlmTokenCountRequest,
} from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { countRequestTokensAsync } from '@conduit/tokens';
import { Injectable } from '@nestjs/common';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import { quoteChain } from '@conduit/catalog';
import { ChatRouter } from '../routing/chat-router.service';
import { ChatStreamService } from './chat-stream.service';
import { ChatService } from './chat.service';
import { TokenCountService } from './token-count.service';

@Injectable()
export class ChatHandler {
  constructor(
    private readonly chat: ChatService,
    private readonly streams: ChatStreamService,
    private readonly catalog: ModelCatalogService,
    private readonly router: ChatRouter,
    private readonly tokens: TokenCountService,
  ) {}

  @Handle(Subjects.llmChatComplete)
  complete(payload: LlmChatCompleteRequest) {
    return this.chat.complete(payload);
  }

  @Handle(Subjects.llmChatStream)
  stream(payload: LlmChatStreamRequest) {
    return this.streams.start(payload);
  }

  /**
   * Resolves the model and its fallback chain exactly as `complete` and `stream` would, so the
   * quote prices the dearest model that may serve.
   */
  @Handle(Subjects.llmChatQuote)
  async quote(payload: LlmChatQuoteRequest) {
    const chain = this.router.chainFor(payload.request.model, payload.allowedModels);
    // Counted before the clock is read: a long prompt is counted in a worker thread.
    const inputTokens = await countRequestTokensAsync(payload.request);
    return quoteChain(chain, payload.request, new Date(), inputTokens);
  }

  /** `/v1/messages/count_tokens`: the provider's count, or the tokenizer's. */
  @Handle(Subjects.llmTokensCount)
  countTokens(payload: LlmTokenCountRequest) {
    return this.tokens.count(payload);
  }

  @Handle(Subjects.llmModelsList)
  models() {
    return this.catalog.list();
  }

  /** The catalog as the gateway needs it to quote at the edge (no `llm.v1.chat.quote` hop). */
  @Handle(Subjects.llmCatalogSnapshot)
  catalogSnapshot() {
    return this.catalog.snapshot;
  }
}
