import { Events, Subjects, type VerifiedKey } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { LedgerClient } from '../ledger/ledger.client';

interface Entry {
  key: VerifiedKey;
  freshUntil: number;
}

/** Most keys a replica remembers; beyond that the oldest are dropped. */
const MAX_ENTRIES = 100_000;

/**
 * Verified keys, cached by secret hash for a short TTL so the ledger is not asked on every
 * request. Revocations (and budget changes) arrive as `ledger.v1.key.invalidated` on every
 * replica within milliseconds; the TTL bounds staleness if one is missed, and a NATS reconnect
 * (when events may have been missed) empties the cache.
 */
@Injectable()
export class VerifiedKeyCache implements OnModuleInit {
  private readonly logger = createLogger('gateway');
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<VerifiedKey>>();
  /** Bumped by every invalidation, so an answer fetched before one is not cached after it. */
  private generation = 0;

  constructor(
    private readonly messaging: MessagingClient,
    private readonly ledger: LedgerClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.messaging.subscribeEvent(Events.ledgerKeyInvalidated, (event) => {
      this.generation++;
      if ('all' in event) {
        this.entries.clear();
        return;
      }
      const revoked = new Set(event.keyIds);
      for (const [hash, entry] of this.entries) {
        if (revoked.has(entry.key.keyId)) this.entries.delete(hash);
      }
    });
    this.messaging.onReconnect(() => {
      this.logger.warn(
        'NATS reconnected: dropping cached keys (invalidations may have been missed)',
      );
      this.generation++;
      this.entries.clear();
    });
  }

  /** The key for this secret hash, or the ledger's authentication_error. */
  async verify(secretHash: string): Promise<VerifiedKey> {
    const entry = this.entries.get(secretHash);
    if (entry && entry.freshUntil > Date.now()) return entry.key;
    // One ledger round trip per key however many requests arrive with it at once.
    let pending = this.inFlight.get(secretHash);
    if (!pending) {
      pending = this.fetch(secretHash).finally(() => this.inFlight.delete(secretHash));
      this.inFlight.set(secretHash, pending);
    }
    return pending;
  }

  private async fetch(secretHash: string): Promise<VerifiedKey> {
    const generation = this.generation;
    const key = await this.ledger.request(Subjects.ledgerKeyVerify, { secretHash });
    if (generation !== this.generation) return key;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(secretHash);
    this.entries.set(secretHash, {
      key,
      freshUntil: Date.now() + this.config.GATEWAY_KEY_CACHE_TTL_MS,
    });
    return key;
  }
}
