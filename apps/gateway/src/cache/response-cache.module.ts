import { createLogger } from '@conduit/telemetry';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { ResponseCache } from './response-cache.service';
import { MemoryResponseCacheStore } from './memory-response-cache.store';
import { RedisResponseCacheStore } from './redis-response-cache.store';
import { RESPONSE_CACHE_STORE } from './response-cache.token';
import type { ResponseCacheStore } from './response-cache.store';

/**
 * Provides the response cache (`ResponseCache`) and its store: Redis when `REDIS_URL` is set (shared by replicas),
 * else a bounded map in this process (one replica only; warned at boot when caching is on).
 */
@Module({})
export class ResponseCacheModule implements OnApplicationShutdown {
  constructor(@Inject(RESPONSE_CACHE_STORE) private readonly store: ResponseCacheStore) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: ResponseCacheModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: RESPONSE_CACHE_STORE, useFactory: () => storeFor(config) },
        ResponseCache,
      ],
      exports: [RESPONSE_CACHE_STORE, ResponseCache],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

function storeFor(config: GatewayConfig): ResponseCacheStore {
  const logger = createLogger('gateway');
  if (config.REDIS_URL) {
    const namespace = config.NATS_SUBJECT_PREFIX ? `${config.NATS_SUBJECT_PREFIX}:` : '';
    return new RedisResponseCacheStore({
      url: config.REDIS_URL,
      keyPrefix: `conduit:rc:${namespace}`,
      commandTimeoutMs: config.GATEWAY_CACHE_TIMEOUT_MS,
      logger,
    });
  }
  if (config.GATEWAY_CACHE_MODE !== 'off') {
    logger.warn(
      'response cache in memory (no REDIS_URL): each gateway replica keeps its own; set REDIS_URL to share it',
    );
  }
  return new MemoryResponseCacheStore(config.GATEWAY_CACHE_MEMORY_ENTRIES);
}
