import { createLogger } from '@conduit/telemetry';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * Boots a service that only talks NATS (no HTTP listener) and stops it cleanly on
 * SIGTERM/SIGINT, so in-flight requests get their replies during a rolling deploy.
 */
export async function bootstrapNatsService(
  serviceName: string,
  module: Type<unknown> | DynamicModule,
): Promise<INestApplicationContext> {
  const logger = createLogger(serviceName);
  const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  logger.info('service started');
  return app;
}
