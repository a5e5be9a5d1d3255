import {
  ServiceUnavailableError,
  Subjects,
  TimeoutError,
  type EmbedQuote,
  type EmbedQuoteRequest,
  type EmbedRequest,
  type EmbedResult,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { RetrievalConfig } from '../config/retrieval-config.schema';
import { RETRIEVAL_CONFIG } from '../config/retrieval-config.token';

// The transport failures of a request: nobody listening, the bus down or closing. Refusals by
// the embedding service itself (unknown model, not allowed, provider errors) pass through.
const TRANSPORT_CODES = new Set(['no_responders', 'bus_unavailable', 'bus_error', 'bus_closing']);

/**
 * `embedding.v1.quote` and `embedding.v1.embed`, bounded by RETRIEVAL_EMBEDDING_TIMEOUT_MS. An
 * embedding service that is absent or too slow is `embedding_unavailable` (503): the caller
 * did nothing wrong and can retry.
 */
@Injectable()
export class EmbeddingClient {
  private readonly logger;

  constructor(
    private readonly messaging: MessagingClient,
    @Inject(RETRIEVAL_CONFIG) private readonly config: RetrievalConfig,
  ) {
    this.logger = createLogger('retrieval', config.LOG_LEVEL);
  }

  quote(request: EmbedQuoteRequest): Promise<EmbedQuote> {
    return this.call(() =>
      this.messaging.request(Subjects.embeddingQuote, request, { timeoutMs: this.timeoutMs }),
    );
  }

  embed(request: EmbedRequest): Promise<EmbedResult> {
    return this.call(() =>
      this.messaging.request(Subjects.embeddingEmbed, request, { timeoutMs: this.timeoutMs }),
    );
  }

  private get timeoutMs(): number {
    return this.config.RETRIEVAL_EMBEDDING_TIMEOUT_MS;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      // Ours (the NATS request) or the embedding service's own (a slow provider): either way
      // the embedding is not coming, and a search without it has nothing to offer.
      const timedOut = error instanceof TimeoutError;
      const unreachable =
        error instanceof ServiceUnavailableError && TRANSPORT_CODES.has(error.code ?? '');
      if (!timedOut && !unreachable) throw error;
      this.logger.warn({ reason: (error as Error).message }, 'embedding service unavailable');
      throw new ServiceUnavailableError(
        timedOut
          ? `Embedding timed out (${(error as Error).message}). Retry shortly.`
          : 'The embedding service is unavailable. Retry shortly.',
        { code: 'embedding_unavailable', cause: error },
      );
    }
  }
}
