import {
  Subjects,
  type LlmChatCompleteRequest,
  type LlmChatQuoteRequest,
  type LlmChatStreamRequest,
} from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { ModelCatalogService } from '../catalog/model-catalog.service';
import { quoteChat } from '../pricing/chat-quote';
import { ChatStreamService } from './chat-stream.service';
import { ChatService } from './chat.service';

@Injectable()
export class ChatHandler {
  constructor(
    private readonly chat: ChatService,
    private readonly streams: ChatStreamService,
    private readonly catalog: ModelCatalogService,
  ) {}

  @Handle(Subjects.llmChatComplete)
  complete(payload: LlmChatCompleteRequest) {
    return this.chat.complete(payload.request);
  }

  @Handle(Subjects.llmChatStream)
  stream(payload: LlmChatStreamRequest) {
    return this.streams.start(payload);
  }

  /** Resolves the model exactly as `complete` and `stream` would, so the quote prices what will serve. */
  @Handle(Subjects.llmChatQuote)
  quote(payload: LlmChatQuoteRequest) {
    return quoteChat(this.catalog.resolve(payload.request.model), payload.request, new Date());
  }

  @Handle(Subjects.llmModelsList)
  models() {
    return this.catalog.list();
  }
}
