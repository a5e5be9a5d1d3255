import { Subjects, type EmbedQuoteRequest, type EmbedRequest } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { EmbeddingCatalog } from '../catalog/embedding-catalog.service';
import { embeddingModelList } from '../catalog/embedding-model-list';
import { EmbeddingService } from './embedding.service';

/** The embedding subjects; payloads arrive validated against their contracts. */
@Injectable()
export class EmbeddingHandler {
  constructor(
    private readonly embeddings: EmbeddingService,
    private readonly catalog: EmbeddingCatalog,
  ) {}

  @Handle(Subjects.embeddingEmbed)
  embed(payload: EmbedRequest) {
    return this.embeddings.embed(payload);
  }

  @Handle(Subjects.embeddingQuote)
  quote(payload: EmbedQuoteRequest) {
    return this.embeddings.quote(payload);
  }

  /** What `GET /v1/models` lists and key allow-lists may name, besides the chat models. */
  @Handle(Subjects.embeddingModelsList)
  models() {
    return embeddingModelList(this.catalog.list());
  }
}
