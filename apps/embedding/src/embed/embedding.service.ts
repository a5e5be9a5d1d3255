import type { EmbedQuote, EmbedQuoteRequest, EmbedRequest, EmbedResult } from '@conduit/contracts';
import { NATS_CONNECTION } from '@conduit/messaging';
import { createLogger, WarnThrottle } from '@conduit/telemetry';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { EmbeddingBatchers, type TextToEmbed } from '../batching/embedding-batchers.service';
import { VectorCache, type CacheEntry, type CachedVector } from '../cache/vector-cache';
import { EmbeddingCatalog } from '../catalog/embedding-catalog.service';
import {
  recordCacheLookups,
  recordCacheWriteErrors,
  recordTexts,
} from '../metrics/embedding-metrics';
import { chargeFor, quoteFor } from '../pricing/embedding-charge';
import { countEmbeddingTokens } from '../tokens/embedding-token-counter';
import { assertReplyFits } from './reply-size';
import { assertTextsEmbeddable } from './text-limits';
import { vectorLength } from './vector-length';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** What a request's cache lookup found, and whether its misses may be stored. */
interface Lookup {
  hits: (CachedVector | undefined)[];
  /** False when the cache did not answer: storing would only wait on it again. */
  store: boolean;
}

/**
 * `embedding.v1.embed` and `embedding.v1.quote`: resolve and authorise the model, refuse what
 * the provider would refuse, answer from the cache what it holds, and send the rest through
 * the model's micro-batcher. Every text is charged, cached or not, so the charge is exactly
 * the quote for the same texts. The cache fails open: a cache that is down, slow or holds a
 * corrupt value costs a provider call, never an error.
 */
@Injectable()
export class EmbeddingService implements OnApplicationShutdown {
  private readonly logger = createLogger('embedding');
  private readonly cacheWarnings = new WarnThrottle(10_000);

  constructor(
    private readonly catalog: EmbeddingCatalog,
    private readonly batchers: EmbeddingBatchers,
    private readonly cache: VectorCache,
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
  ) {}

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    // Charged at the price in effect when the work was asked for, as the quote was.
    const startedAt = new Date();
    const model = this.catalog.resolve(request.model);
    this.catalog.assertAllowed(model, request.model, request.allowedModels);
    const length = vectorLength(model, request.dimensions);
    const { texts } = request;
    assertReplyFits(texts.length, length.dimensions, this.connection.info?.max_payload);

    const keys = texts.map((text) => VectorCache.key(model.id, length.dimensions, text));
    const { hits, store } = await this.lookUp(keys, length.dimensions, texts);
    const uncounted = texts.filter((_, i) => hits[i] === undefined);
    const counted = await countEmbeddingTokens(uncounted, model.tokenizer);
    let next = 0;
    const tokens = texts.map((_, i) => hits[i]?.tokens ?? counted[next++]);
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
      const fresh = new Map<string, CacheEntry>();
      missing.forEach((i, j) => {
        vectors[i] = embedded[j];
        fresh.set(keys[i], { key: keys[i], value: { vector: embedded[j], tokens: tokens[i] } });
      });
      if (store) await this.store([...fresh.values()], length.dimensions);
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

  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }

  /** The cached vectors of `keys`; a cache that fails is a miss of every key. */
  private async lookUp(
    keys: readonly string[],
    dimensions: number,
    texts: readonly string[],
  ): Promise<Lookup> {
    const none = (): Lookup => ({ hits: keys.map(() => undefined), store: false });
    if (!this.cache.enabled) return none();
    let found;
    try {
      found = await this.cache.getMany(keys, dimensions);
    } catch (error) {
      recordCacheLookups('error', keys.length);
      this.warn(error, 'vector cache: lookup failed (texts are embedded uncached)');
      return none();
    }
    const counts = { hit: 0, miss: 0, corrupt: 0 };
    const hits = found.map((entry, i) => {
      if (entry === 'miss') {
        counts.miss += 1;
        return undefined;
      }
      // Its token count is charged: one no text of this size could have is not trusted either.
      if (entry === 'corrupt' || !plausibleTokens(texts[i], entry.tokens)) {
        counts.corrupt += 1;
        return undefined;
      }
      counts.hit += 1;
      return entry;
    });
    recordCacheLookups('hit', counts.hit);
    recordCacheLookups('miss', counts.miss);
    recordCacheLookups('corrupt', counts.corrupt);
    if (counts.corrupt > 0) {
      this.warn(undefined, `vector cache: ${counts.corrupt} corrupt entries dropped (re-embedded)`);
    }
    return { hits, store: true };
  }

  private async store(entries: readonly CacheEntry[], dimensions: number): Promise<void> {
    try {
      await this.cache.setMany(entries, dimensions);
    } catch (error) {
      recordCacheWriteErrors(entries.length);
      this.warn(error, 'vector cache: store failed (the reply goes out all the same)');
    }
  }

  private warn(error: unknown, message: string): void {
    const suppressed = this.cacheWarnings.take();
    if (suppressed === null) return;
    const err = error instanceof Error ? error.message : error;
    this.logger.warn({ ...(err === undefined ? {} : { err }), suppressed }, message);
  }
}

/**
 * Whether `tokens` can count `text`: every token is at least one UTF-8 byte, and only the
 * empty text has none. A cached count outside that would be charged wrongly, or refuse the
 * text as too long.
 */
function plausibleTokens(text: string, tokens: number): boolean {
  if (text.length === 0) return tokens === 0;
  return tokens >= 1 && tokens <= Buffer.byteLength(text, 'utf8');
}
