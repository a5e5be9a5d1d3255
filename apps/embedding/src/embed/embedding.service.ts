import type { EmbedQuote, EmbedQuoteRequest, EmbedRequest, EmbedResult } from '@conduit/contracts';
import { NATS_CONNECTION } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { EmbeddingBatchers, type TextToEmbed } from '../batching/embedding-batchers.service';
import { VectorCache, type CachedVector } from '../cache/vector-cache';
import { EmbeddingCatalog } from '../catalog/embedding-catalog.service';
import type { EmbeddingConfig } from '../config/embedding-config.schema';
import { EMBEDDING_CONFIG } from '../config/embedding-config.token';
import { recordTexts } from '../metrics/embedding-metrics';
import { chargeFor, quoteFor } from '../pricing/embedding-charge';
import { countEmbeddingTokens } from '../tokens/embedding-token-counter';
import { assertReplyFits } from './reply-size';
import { assertTextsEmbeddable } from './text-limits';
import { vectorLength } from './vector-length';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * `embedding.v1.embed` and `embedding.v1.quote`: resolve and authorise the model, refuse what
 * the provider would refuse, answer from the cache what it holds, and send the rest through
 * the model's micro-batcher. Every text is charged, cached or not, so the charge is exactly
 * the quote for the same texts.
 */
@Injectable()
export class EmbeddingService {
  private readonly cache: VectorCache;

  constructor(
    private readonly catalog: EmbeddingCatalog,
    private readonly batchers: EmbeddingBatchers,
    @Inject(EMBEDDING_CONFIG) config: EmbeddingConfig,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
  ) {
    this.cache = new VectorCache(config.EMBEDDING_CACHE_ENTRIES);
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    // Charged at the price in effect when the work was asked for, as the quote was.
    const startedAt = new Date();
    const model = this.catalog.resolve(request.model);
    this.catalog.assertAllowed(model, request.model, request.allowedModels);
    const length = vectorLength(model, request.dimensions);
    const { texts } = request;
    assertReplyFits(texts.length, length.dimensions, this.connection.info?.max_payload);

    const keys = texts.map((text) => VectorCache.key(model.id, length.dimensions, text));
    const hits: (CachedVector | undefined)[] = keys.map((key) => this.cache.get(key));
    const uncounted = texts.filter((_, i) => hits[i] === undefined);
    const counted = await countEmbeddingTokens(uncounted, model.tokenizer);
    let next = 0;
    const tokens = texts.map((_, i) => hits[i]?.tokens ?? (counted[next++]));
    assertTextsEmbeddable(model, texts, tokens);

    const vectors = hits.map((hit) => hit?.vector ?? '');
    const missing: number[] = [];
    hits.forEach((hit, i) => hit === undefined && missing.push(i));
    if (missing.length > 0) {
      const work: TextToEmbed[] = missing.map((i) => ({
        key: keys[i],
        text: texts[i],
        tokens: tokens[i],
      }));
      const embedded = await this.batchers.embed(model, length, work);
      missing.forEach((i, j) => {
        vectors[i] = embedded[j];
        this.cache.set(keys[i], { vector: embedded[j], tokens: tokens[i] });
      });
    }
    const cachedTexts = texts.length - missing.length;
    recordTexts(model.id, cachedTexts, missing.length);
    const inputTokens = sum(tokens);
    return {
      model: model.id,
      dimensions: length.dimensions,
      vectors,
      inputTokens,
      cachedTexts,
      charge: chargeFor(model, inputTokens, startedAt),
    };
  }

  async quote(request: EmbedQuoteRequest): Promise<EmbedQuote> {
    const model = this.catalog.resolve(request.model);
    this.catalog.assertAllowed(model, request.model, request.allowedModels);
    let inputTokens = request.inputTokens ?? 0;
    if (request.texts !== undefined) {
      const tokens = await countEmbeddingTokens(request.texts, model.tokenizer);
      // Refused now rather than after the caller has held budget for it.
      assertTextsEmbeddable(model, request.texts, tokens);
      inputTokens = sum(tokens);
    }
    return quoteFor(model, inputTokens, new Date());
  }
}
