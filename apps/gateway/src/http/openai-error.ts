import {
  DomainError,
  InternalError,
  NotFoundError,
  ValidationError,
  type ErrorPayload,
} from '@conduit/contracts';
import { HttpException } from '@nestjs/common';
import { HTTP_STATUS_OF, HTTP_STATUS_OF_CODE } from './error-status';

/** OpenAI's error body, plus the request id so a user can quote it to support. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    code: string | null;
    param: string | null;
    request_id: string;
  };
}

export interface HttpError {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/** Turns anything thrown while serving a request into a status and OpenAI-shaped body. */
export function toHttpError(
  error: unknown,
  requestId: string,
  unknownRouteHint?: string,
): HttpError {
  const domainError = toDomainError(error, unknownRouteHint);
  const payload: ErrorPayload = domainError.toPayload();
  const status =
    (payload.code && HTTP_STATUS_OF_CODE[payload.code]) || HTTP_STATUS_OF[payload.type];
  const headers: Record<string, string> = {};
  const retryAfter = payload.details?.retry_after_seconds;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.ceil(retryAfter));
  return {
    status,
    headers,
    body: {
      error: {
        message: payload.message,
        type: payload.type,
        code: payload.code,
        param: payload.param,
        request_id: requestId,
      },
    },
  };
}

function toDomainError(error: unknown, unknownRouteHint?: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    // Nest wraps fastify's own errors (body too large, bad media type) and unknown routes.
    switch (error.getStatus()) {
      case 404:
        return new NotFoundError(`Unknown request URL: ${unknownRouteHint ?? 'this path'}.`, {
          code: 'unknown_url',
        });
      case 413:
        return new ValidationError('The request body is too large.', { code: 'request_too_large' });
      case 415:
        return new ValidationError(
          "Send the request body as JSON with 'Content-Type: application/json'.",
          {
            code: 'unsupported_media_type',
          },
        );
      default:
        if (/JSON/i.test(error.message)) {
          return new ValidationError(
            'We could not parse the JSON body of your request. Send valid JSON with Content-Type: application/json.',
            { code: 'invalid_json' },
          );
        }
        if (error.getStatus() < 500)
          return new ValidationError(error.message, { code: 'invalid_request' });
        return new InternalError('The gateway failed unexpectedly; the error was logged.');
    }
  }
  const fastifyError = error as FastifyLikeError;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ValidationError('The request body is too large.', { code: 'request_too_large' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ValidationError(
        "Send the request body as JSON with 'Content-Type: application/json'.",
        {
          code: 'unsupported_media_type',
        },
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ValidationError('The request body is empty; send a JSON object.', {
        code: 'invalid_json',
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ValidationError('The Content-Length header does not match the body.', {
        code: 'invalid_request',
      });
  }
  if (error instanceof SyntaxError || fastifyError?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ValidationError(
      'We could not parse the JSON body of your request. Send valid JSON with Content-Type: application/json.',
      { code: 'invalid_json' },
    );
  }
  if (fastifyError?.statusCode === 404) {
    return new NotFoundError(`Unknown request URL: ${unknownRouteHint ?? 'this path'}.`, {
      code: 'unknown_url',
    });
  }
  return new InternalError('The gateway failed unexpectedly; the error was logged.');
}
