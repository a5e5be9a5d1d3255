import { ValidationError } from '@conduit/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { toHttpError } from './openai-error';

/**
 * Fastify's router refuses a few URLs before any route runs: a path segment longer than its
 * limit (414) or one that is not valid percent-encoding (400). Answered in OpenAI's shape with
 * the request id like every other error (Fastify's default body is its own).
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const tooLong = error.statusCode === 414;
  const httpError = toHttpError(
    new ValidationError(
      tooLong ? 'A part of the request URL is too long.' : 'The request URL is not valid.',
      { code: tooLong ? 'url_too_long' : 'invalid_url' },
    ),
    request.id,
  );
  void reply
    .status(tooLong ? 414 : httpError.status)
    .headers({ ...httpError.headers, 'x-request-id': request.id })
    .send(httpError.body);
}
