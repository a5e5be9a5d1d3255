import { Subjects, type ChatCompletionRequest } from '@conduit/contracts';
import { createLogger, WarnThrottle } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { MeteredRetrieval } from '../retrieval/metered-retrieval.service';
import { RetrievalClient } from '../retrieval/retrieval.client';
import { cacheLookups } from './cache-metrics';
import type { CachedAnswer } from './cached-answer';
import { ResponseCache, type CacheSlot } from './response-cache.service';
import { semanticQueryOf, type SemanticQuery } from './semantic-query';

/** A semantic hit: the answer given to a similar message, and how similar it was. */
export interface SemanticHit {
  answer: CachedAnswer;
  similarity: number;
}

/** What a semantic miss leaves for indexing the fresh answer: the message and its vector. */
export interface SemanticMiss {
  query: SemanticQuery;
  vector: string;
}

/**
 * The semantic half of the response cache. The retrieval service embeds the request's last
 * user message (metered: a usage row `chat.cache` under `<request id>:cache`, like a grounded
 * chat's `chat.retrieval`) and searches the tenant's index for messages at least the
 * threshold similar, in the same context (model, earlier messages, arguments); the answers
 * themselves come from the exact cache, so TTLs and purges hold for both. Fails open, like the
 * exact cache: an unavailable or slow retrieval service means a miss, never an error.
 */
@Injectable()
export class SemanticCache {
  private readonly logger = createLogger('gateway');
  private readonly warnings = new WarnThrottle(10_000);

  constructor(
    private readonly cache: ResponseCache,
    private readonly retrieval: RetrievalClient,
    private readonly metered: MeteredRetrieval,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** A similar message's answer, or what indexing this request's answer later needs. */
  async find(
    requestId: string,
    principal: Principal,
    slot: CacheSlot,
    sent: ChatCompletionRequest,
  ): Promise<{ hit: SemanticHit } | { miss: SemanticMiss } | null> {
    const { plan } = slot;
    if (plan.kind !== 'lookup' || !plan.semantic) return null;
    const query = semanticQueryOf(plan.tenant, plan.owner.model, sent);
    if (!query) return null;
    const { threshold } = plan.semantic;
    const cacheId = `${requestId}:cache`;
    let found;
    try {
      found = await this.withinTimeout(
        this.metered.run(
          { requestId: cacheId, principal, endpoint: 'chat.cache', rateLimited: false },
          (budget) =>
            this.retrieval.request(Subjects.retrievalCacheSearch, {
              requestId: cacheId,
              tenant: plan.tenant,
              model: plan.owner.model,
              contextHash: query.contextHash,
              text: query.text,
              embeddingModel: this.config.GATEWAY_CACHE_EMBEDDING_MODEL,
              threshold,
              budget,
              allowedModels: null,
            }),
        ),
      );
    } catch (error) {
      cacheLookups.inc({ result: 'error' });
      this.warn(error);
      return null;
    }
    const dangling: string[] = [];
    for (const match of found.matches) {
      const answer = await this.cache.entry(match.entryKey);
      if (answer) {
        this.forget(plan.tenant, dangling);
        cacheLookups.inc({ result: 'semantic_hit' });
        return { hit: { answer, similarity: match.similarity } };
      }
      dangling.push(match.entryKey);
    }
    // Answers that expired or were purged leave their index points behind: dropped now.
    this.forget(plan.tenant, dangling);
    return { miss: { query, vector: found.vector } };
  }

  /** Indexes a fresh answer (already stored under the slot's key) by its message's vector. */
  index(slot: CacheSlot, miss: SemanticMiss): void {
    if (slot.plan.kind !== 'lookup') return;
    this.retrieval
      .request(Subjects.retrievalCacheIndex, {
        tenant: slot.plan.tenant,
        model: slot.plan.owner.model,
        contextHash: miss.query.contextHash,
        entryKey: slot.key,
        vector: miss.vector,
      })
      .catch((error: unknown) => this.warn(error));
  }

  /** A team's purge also drops its whole semantic index. */
  async forgetTenant(tenant: string): Promise<void> {
    await this.retrieval.request(Subjects.retrievalCacheForget, { tenant });
  }

  private forget(tenant: string, entryKeys: string[]): void {
    if (entryKeys.length === 0) return;
    this.retrieval
      .request(Subjects.retrievalCacheForget, { tenant, entryKeys })
      .catch((error: unknown) => this.warn(error));
  }

  private async withinTimeout<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`no answer within ${this.config.GATEWAY_CACHE_SEMANTIC_TIMEOUT_MS} ms`)),
        this.config.GATEWAY_CACHE_SEMANTIC_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([operation, timeout]);
    } finally {
      clearTimeout(timer);
      operation.catch(() => undefined);
    }
  }

  private warn(error: unknown): void {
    const suppressed = this.warnings.take();
    if (suppressed === null) return;
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error), suppressed },
      'semantic cache unavailable; requests go on uncached',
    );
  }
}
