import type { Charge, ChatCompletion, ChatCompletionRequest } from '@conduit/contracts';
import { createLogger, WarnThrottle } from '@conduit/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { cacheLookups, cacheWrites } from './cache-metrics';
import { exactCacheKey } from './cache-key';
import type { CachePlan } from './cache-plan';
import { cachedAnswer, parseCachedAnswer, type CachedAnswer } from './cached-answer';
import { RESPONSE_CACHE_STORE } from './response-cache.token';
import type { CachePurgeScope, ResponseCacheStore } from './response-cache.store';

/** A request's place in the cache once looked up: where its answer would be stored. */
export interface CacheSlot {
  key: string;
  plan: Extract<CachePlan, { kind: 'lookup' }> | Extract<CachePlan, { kind: 'bypass' }>;
}

const TIMED_OUT = Symbol('timed out');

/**
 * The exact-match response cache of chat answers. Fails open, for the cache only: a store that
 * is slow (past GATEWAY_CACHE_TIMEOUT_MS), down, or holding a corrupt entry makes the request
 * go on uncached — counted in `conduit_cache_lookups_total{result="error"}` and logged at most
 * every 10 s — never an error for the caller.
 */
@Injectable()
export class ResponseCache {
  private readonly logger = createLogger('gateway');
  private readonly warnings = new WarnThrottle(10_000);

  constructor(
    @Inject(RESPONSE_CACHE_STORE) private readonly store: ResponseCacheStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Where the request's answer lives in the cache, or null when the plan neither reads nor writes. */
  slotOf(plan: CachePlan, sent: ChatCompletionRequest): CacheSlot | null {
    if (plan.kind === 'off') return null;
    const owner = plan.kind === 'lookup' ? plan.owner : plan.store?.owner;
    if (!owner) {
      cacheLookups.inc({ result: 'bypass' });
      return null;
    }
    return { key: exactCacheKey(owner.tenant, owner.model, sent), plan };
  }

  /** The cached answer for the slot, or null (a miss, a bypass, or the store failed). */
  async lookup(slot: CacheSlot): Promise<CachedAnswer | null> {
    if (slot.plan.kind !== 'lookup') {
      cacheLookups.inc({ result: 'bypass' });
      return null;
    }
    let stored: string | null;
    try {
      stored = await this.withinTimeout(this.store.get(slot.key));
    } catch (error) {
      this.failed('lookup', error);
      return null;
    }
    if (stored === null) {
      cacheLookups.inc({ result: 'miss' });
      return null;
    }
    const answer = this.parsed(slot.key, stored);
    cacheLookups.inc({ result: answer ? 'hit' : 'miss' });
    return answer;
  }

  /** The entry stored under `key` (a semantic match's), or null; never throws. */
  async entry(key: string): Promise<CachedAnswer | null> {
    try {
      const stored = await this.withinTimeout(this.store.get(key));
      return stored === null ? null : this.parsed(key, stored);
    } catch (error) {
      this.warn('lookup', error);
      return null;
    }
  }

  /** A stored entry, or null when it is corrupt or of another version: it is then dropped. */
  private parsed(key: string, stored: string): CachedAnswer | null {
    const answer = parseCachedAnswer(stored);
    if (!answer) {
      this.warn('lookup', new Error('corrupt cache entry dropped'));
      void this.store.delete(key).catch(() => undefined);
    }
    return answer;
  }

  /**
   * Stores a fresh answer for the slot's TTL, unless it is too large. Never throws and is not
   * awaited by the response: a slow store delays nobody.
   */
  async remember(
    slot: CacheSlot,
    completion: ChatCompletion,
    charge: Charge,
    screened?: CachedAnswer['screened'],
  ): Promise<void> {
    const target =
      slot.plan.kind === 'lookup'
        ? { ttlSeconds: slot.plan.ttlSeconds, owner: slot.plan.owner }
        : slot.plan.store;
    if (!target) return;
    const entry = JSON.stringify(cachedAnswer(completion, charge, screened));
    if (Buffer.byteLength(entry) > this.config.GATEWAY_CACHE_MAX_ENTRY_BYTES) {
      cacheWrites.inc({ result: 'too_large' });
      return;
    }
    try {
      await this.withinTimeout(this.store.set(slot.key, entry, target.ttlSeconds, target.owner));
      cacheWrites.inc({ result: 'stored' });
    } catch (error) {
      cacheWrites.inc({ result: 'error' });
      this.warn('store', error);
    }
  }

  /** Removes the entries a scope covers (admin purge); the store's errors reach the caller. */
  purge(scope: CachePurgeScope): Promise<number> {
    return this.store.purge(scope);
  }

  get backend(): 'redis' | 'memory' {
    return this.store.kind;
  }

  private async withinTimeout<T>(operation: Promise<T>): Promise<T> {
    const stopTimer = new AbortController();
    try {
      const result = await Promise.race([
        operation,
        sleep(this.config.GATEWAY_CACHE_TIMEOUT_MS, TIMED_OUT, { signal: stopTimer.signal }),
      ]);
      if (result === TIMED_OUT) {
        void operation.catch(() => undefined);
        throw new Error(`no answer within ${this.config.GATEWAY_CACHE_TIMEOUT_MS} ms`);
      }
      return result;
    } finally {
      stopTimer.abort();
    }
  }

  private failed(operation: string, error: unknown): void {
    cacheLookups.inc({ result: 'error' });
    this.warn(operation, error);
  }

  private warn(operation: string, error: unknown): void {
    const suppressed = this.warnings.take();
    if (suppressed === null) return;
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error), operation, suppressed },
      'response cache unavailable; requests go on uncached',
    );
  }
}
