import { DomainError } from '@conduit/contracts';
import { createLogger } from '@conduit/telemetry';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toAnthropicHttpError } from '../messages/anthropic-error.mapper';
import { toHttpError } from './openai-error';
import { inPathParameter } from './path-parameter-error';

/** Anthropic's SDKs read the request id from `request-id`. */
function withRequestIdHeader<T extends { headers: Record<string, string> }>(
  error: T,
  id: string,
): T {
  return { ...error, headers: { ...error.headers, 'request-id': id } };
}

function isMessagesApi(url: string): boolean {
  return (
    url === '/v1/messages' || url.startsWith('/v1/messages?') || url.startsWith('/v1/messages/')
  );
}

/**
 * Every error leaves the gateway in OpenAI's shape, with the request id — except on
 * `/v1/messages`, whose clients (the Anthropic SDKs) expect Anthropic's.
 */
@Catch()
export class OpenAIErrorFilter implements ExceptionFilter {
  private readonly logger = createLogger('gateway');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const error = inPathParameter(thrown, request.params);
    const reply = http.getResponse<FastifyReply>();
    const route = `${request.method} ${request.url}`;
    const httpError = isMessagesApi(request.url)
      ? withRequestIdHeader(toAnthropicHttpError(error, request.id, route), request.id)
      : toHttpError(error, request.id, route);
    if (httpError.status >= 500) {
      // Expected failures (a service down, a provider error) are warnings; surprises are errors.
      if (error instanceof DomainError) {
        this.logger.warn(
          { request_id: request.id, status: httpError.status, error: error.toPayload() },
          'request failed',
        );
      } else {
        this.logger.error(
          { err: error, request_id: request.id, status: httpError.status },
          'request failed',
        );
      }
    }
    if (reply.sent || reply.raw.headersSent) {
      // A stream already started: the relay reports errors as SSE events, nothing to add here.
      return;
    }
    void reply.status(httpError.status).headers(httpError.headers).send(httpError.body);
  }
}
