import { ModelDirectory, quoteChain, snapshotModels, type SnapshotSource } from '@conduit/catalog';
import {
  NotFoundError,
  Subjects,
  type ChatCompletionRequest,
  type ChatQuote,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import { countRequestTokensAsync } from '@conduit/tokens';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';

/**
 * An unknown name refetches the snapshot at most this often, so a flood of them costs nothing;
 * after a failed fetch, requests are quoted by the llm service this long before trying again.
 */
const MISS_REFETCH_INTERVAL_MS = 1_000;

interface Snapshot {
  version: string;
  directory: ModelDirectory<SnapshotSource>;
  fetchedAt: number;
}

/**
 * Prices requests at the edge: the llm service owns the model catalog and serves a snapshot of
 * it (`llm.v1.catalog.snapshot`); the gateway keeps the snapshot, refreshed every
 * GATEWAY_CATALOG_REFRESH_MS and when a request names a model it does not know, and quotes from
 * it with the same functions (`@conduit/catalog`) the llm service prices with. That saves every
 * priced request the `llm.v1.chat.quote` round trip.
 *
 * A snapshot a little stale only moves the budget hold, never the charge: the llm service
 * charges at the price in effect when it served. When no snapshot can be had (an llm service
 * from before snapshots), the quote is asked of the llm service as before.
 */
@Injectable()
export class EdgeCatalog implements OnApplicationShutdown {
  private readonly logger = createLogger('gateway');
  private snapshot?: Snapshot;
  private fetching?: Promise<Snapshot | undefined>;
  /** When fetching last failed: without a snapshot, requests then go to the llm for a while. */
  private failedAt = Number.NEGATIVE_INFINITY;
  private readonly refresher: NodeJS.Timeout;

  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.refresher = setInterval(() => {
      if (this.snapshot) void this.fetch();
    }, config.GATEWAY_CATALOG_REFRESH_MS).unref();
  }

  /** The quote of `request` for a key allowed `allowedModels` (null: any). */
  async quote(
    requestId: string,
    request: ChatCompletionRequest,
    allowedModels: readonly string[] | null,
  ): Promise<ChatQuote> {
    let snapshot = this.snapshot;
    if (!snapshot && Date.now() - this.failedAt >= MISS_REFETCH_INTERVAL_MS) {
      snapshot = await this.fetch();
    }
    if (!snapshot) return this.quoteByLlm(requestId, request, allowedModels);
    let chain: SnapshotSource[];
    try {
      chain = snapshot.directory.chainFor(request.model, allowedModels);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      if (Date.now() - snapshot.fetchedAt < MISS_REFETCH_INTERVAL_MS) throw error;
      // The name may be new in the catalog: look once more before refusing it.
      snapshot = (await this.fetch()) ?? snapshot;
      chain = snapshot.directory.chainFor(request.model, allowedModels);
    }
    const inputTokens = await countRequestTokensAsync(request);
    return quoteChain(chain, request, new Date(), inputTokens);
  }

  /**
   * The catalog id a model name stands for (an alias or bare upstream id resolved), from the
   * snapshot in hand; the name itself when it is unknown or there is no snapshot yet.
   */
  canonicalId(name: string): string {
    return this.snapshot?.directory.find(name)?.id ?? name;
  }

  /** The version of the snapshot in use, if any (for readiness and tests). */
  version(): string | undefined {
    return this.snapshot?.version;
  }

  private fetch(): Promise<Snapshot | undefined> {
    this.fetching ??= this.messaging
      .request(Subjects.llmCatalogSnapshot, {})
      .then((received) => {
        if (received.version !== this.snapshot?.version) {
          this.logger.info({ catalog_version: received.version }, 'catalog snapshot loaded');
        }
        this.snapshot = {
          version: received.version,
          directory: new ModelDirectory(snapshotModels(received)),
          fetchedAt: Date.now(),
        };
        return this.snapshot;
      })
      .catch((error: unknown) => {
        // Keep quoting from the snapshot we have; without one, ask the llm service per request.
        this.failedAt = Date.now();
        this.logger.warn({ err: error }, 'catalog snapshot unavailable');
        return this.snapshot;
      })
      .finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private quoteByLlm(
    requestId: string,
    request: ChatCompletionRequest,
    allowedModels: readonly string[] | null,
  ): Promise<ChatQuote> {
    return this.messaging.request(Subjects.llmChatQuote, {
      requestId,
      request,
      allowedModels: allowedModels && [...allowedModels],
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.refresher);
  }
}
