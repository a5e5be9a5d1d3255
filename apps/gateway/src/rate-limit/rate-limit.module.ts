import { type DynamicModule, Module } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { RateLimiter } from './rate-limiter';

/** Provides the gateway's RateLimiter (Redis when `REDIS_URL` is set, else in memory). */
@Module({})
export class RateLimitModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [{ provide: RateLimiter, useFactory: () => RateLimiter.fromConfig(config) }],
      exports: [RateLimiter],
    };
  }
}
