import { createLogger, type Logger } from '@conduit/telemetry';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AuthInterceptor } from './auth/auth.interceptor';
import { earlyCredentialCheck } from './auth/early-credential-check';
import type { GatewayConfig } from './config/gateway-config.schema';
import { accessLogHooks } from './http/access-log';
import { clientErrorHandler } from './http/client-error.handler';
import { limitConnectionsPerAddress } from './http/connection-limiter';
import { corsHook } from './http/cors';
import { frameworkErrorHandler } from './http/framework-errors.handler';
import { HttpTracingInterceptor } from './http/http-tracing.interceptor';
import { useJsonBodyParser } from './http/json-body.parser';
import { lingerAfterTooLarge } from './http/lingering-close';
import { OpenAIErrorFilter } from './http/openai-error.filter';
import { newRequestId } from './http/request-id';
import { httpRequestDuration } from './metrics/http-metrics';

export interface GatewayAppOptions {
  /** Where access-log lines go (default: the gateway's logger on stdout); tests capture them. */
  accessLogger?: Logger;
}

/** Builds the gateway (not yet listening): shared by main.ts, tests and the benchmark. */
export async function createGatewayApp(
  config: GatewayConfig,
  options: GatewayAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.GATEWAY_MAX_BODY_BYTES,
    genReqId: () => newRequestId(),
    logger: false,
    // Node's request timeout bounds receiving a request (headers and body), never the answer:
    // a slow stream is not cut, a client that sends its body slowly is (408).
    requestTimeout: config.GATEWAY_BODY_TIMEOUT_MS,
    http: {
      headersTimeout: config.GATEWAY_HEADERS_TIMEOUT_MS,
      // How often Node looks for requests past those timeouts (its default is every 30 s).
      connectionsCheckingInterval: 1_000,
    },
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  });
  const fastify = adapter.getInstance();
  limitConnectionsPerAddress(fastify.server, config.GATEWAY_MAX_CONNECTIONS_PER_IP);
  fastify.addHook('onRequest', (request, reply, done) => {
    // On the raw response, not Fastify's reply: Node merges headers set this way into every
    // response, hijacked streams included, and keeps them readable after writeHead (the
    // access log reads the response's headers when it is finished).
    reply.raw.setHeader('x-request-id', request.id);
    done();
  });
  const accessLogger = options.accessLogger ?? createLogger('gateway', config.LOG_LEVEL);
  // Lines are written at info: below that level (LOG_LEVEL=warn) no line could ever be written,
  // so the hooks — a listener, a re-parse of each JSON answer — are not installed at all.
  if (config.GATEWAY_ACCESS_LOG !== 'off' && accessLogger.isLevelEnabled('info')) {
    const accessLog = accessLogHooks(config, accessLogger);
    fastify.addHook('onRequest', accessLog.onRequest);
    fastify.addHook('onSend', accessLog.onSend);
  }
  // Before authentication: a browser's preflight carries no key.
  fastify.addHook('onRequest', corsHook(config.GATEWAY_CORS_ORIGINS));
  // Up to twice the limit or 5 s: a 5 MB body over a 4 MB limit is read to its end, so the
  // client sees the 413 instead of a reset; a client sending far more is cut off.
  fastify.addHook(
    'onSend',
    lingerAfterTooLarge({ maxBytes: 2 * config.GATEWAY_MAX_BODY_BYTES, maxMs: 5_000 }),
  );
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
  useJsonBodyParser(app, config.GATEWAY_MAX_JSON_DEPTH);
  app.useGlobalFilters(new OpenAIErrorFilter());
  if (config.CONDUIT_AUTH === 'enabled') {
    const auth = app.get(AuthInterceptor);
    fastify.addHook(
      'onRequest',
      earlyCredentialCheck((secret) => auth.isAdminKey(secret)),
    );
  }
  // In this order: authentication (a ledger hop on a key-cache miss) runs inside the HTTP span.
  app.useGlobalInterceptors(new HttpTracingInterceptor(), app.get(AuthInterceptor));
  app.enableShutdownHooks();
  return app;
}
