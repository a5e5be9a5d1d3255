import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assertJsonDepth } from './json-depth';

/**
 * Fastify's own JSON parser (prototype- and constructor-poisoning refused, as Nest configures
 * it), followed by a depth check, so a body nested past `maxDepth` is a 400 before any
 * validator or JSON-schema compiler recurses into it. Registered through Nest so that Nest
 * does not add its default parser at init (which would also accept url-encoded forms).
 *
 * An empty body is no body: many HTTP clients send `Content-Type: application/json` on every
 * call, bodiless DELETEs and POSTs included, and Fastify's parser would refuse those as invalid
 * JSON. The request then looks exactly like one sent without a content type — a route that takes
 * no body serves it, a route that needs one says the body is missing.
 */
export function useJsonBodyParser(app: NestFastifyApplication, maxDepth: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser(
    'application/json',
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      if (body.length === 0) return done(null, undefined);
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
