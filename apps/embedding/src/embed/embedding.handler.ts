import { Subjects, type EmbedQuoteRequest, type EmbedRequest } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { EmbeddingService } from './embedding.service';

/** The embedding subjects; payloads arrive validated against their contracts. */
@Injectable()
export class EmbeddingHandler {
  constructor(private readonly embeddings: EmbeddingService) {}

  @Handle(Subjects.embeddingEmbed)
  embed(payload: EmbedRequest) {
    return this.embeddings.embed(payload);
  }

  @Handle(Subjects.embeddingQuote)
  quote(payload: EmbedQuoteRequest) {
    return this.embeddings.quote(payload);
  }
}
