import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AuthInterceptor } from './auth/auth.interceptor';
import type { GatewayConfig } from './config/gateway-config.schema';
import { HttpTracingInterceptor } from './http/http-tracing.interceptor';
import { OpenAIErrorFilter } from './http/openai-error.filter';
import { newRequestId } from './http/request-id';
import { httpRequestDuration } from './metrics/http-metrics';

/** Builds the gateway (not yet listening): shared by main.ts, tests and the benchmark. */
export async function createGatewayApp(config: GatewayConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.GATEWAY_MAX_BODY_BYTES,
    genReqId: () => newRequestId(),
    logger: false,
    // Streams and slow models: never cut a response that is still being written.
    requestTimeout: 0,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: ['error', 'warn'],
  });
  app.useGlobalFilters(new OpenAIErrorFilter());
  // In this order: authentication (a ledger hop on a key-cache miss) runs inside the HTTP span.
  app.useGlobalInterceptors(new HttpTracingInterceptor(), app.get(AuthInterceptor));
  app.enableShutdownHooks();
  return app;
}
