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
  Object.assign(headers, stringRecord(payload.details?.rate_limit_headers));
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

/** The string values of a details field that carries headers (anything else is ignored). */
function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

const INVALID_JSON =
  'We could not parse the JSON body of your request. Send valid JSON with Content-Type: application/json.';
const UNEXPECTED = 'The gateway failed unexpectedly; the error was logged.';

function toDomainError(error: unknown, unknownRouteHint?: string): DomainError {
  if (error instanceof DomainError) return error;
  // Fastify's JSON parser fails with a SyntaxError that Nest passes on unwrapped.
  if (error instanceof SyntaxError)
    return new ValidationError(INVALID_JSON, { code: 'invalid_json' });
  if (!(error instanceof HttpException)) return new InternalError(UNEXPECTED);
  // Nest wraps fastify's own errors (body too large, bad media type, bad JSON) and unknown routes.
  const status = error.getStatus();
  if (status === 404) {
    return new NotFoundError(`Unknown request URL: ${unknownRouteHint ?? 'this path'}.`, {
      code: 'unknown_url',
    });
  }
  if (status === 413) {
    return new ValidationError('The request body is too large.', { code: 'request_too_large' });
  }
  if (status === 415) {
    return new ValidationError(
      "Send the request body as JSON with 'Content-Type: application/json'.",
      {
        code: 'unsupported_media_type',
      },
    );
  }
  if (status >= 500) return new InternalError(UNEXPECTED);
  if (/JSON/i.test(error.message))
    return new ValidationError(INVALID_JSON, { code: 'invalid_json' });
  return new ValidationError(error.message, { code: 'invalid_request' });
}
