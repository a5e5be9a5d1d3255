import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assertJsonDepth } from './json-depth';

/**
 * Fastify's own JSON parser (prototype- and constructor-poisoning refused, as Nest configures
 * it), followed by a depth check, so a body nested past `maxDepth` is a 400 before any
 * validator or JSON-schema compiler recurses into it. Registered through Nest so that Nest
 * does not add its default parser at init (which would also accept url-encoded forms).
 */
export function useJsonBodyParser(app: NestFastifyApplication, maxDepth: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser(
    'application/json',
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      void parseJson(
        request as Parameters<typeof parseJson>[0],
        body as unknown as string,
        (error, value) => {
          if (error) return done(error, undefined);
          try {
            assertJsonDepth(value, maxDepth);
          } catch (depthError) {
            return done(depthError as Error, undefined);
          }
          done(null, value);
        },
      );
    },
  );
}
