import { ServiceUnavailableError, ValidationError } from '@conduit/contracts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDomainError } from './anthropic-error.mapper';

function body(name: string): object {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as object;
}

/** What the SDK throws for an error response: the status and the parsed body. */
function httpError(status: number, errorBody: object, headers: Record<string, string> = {}) {
  return APIError.generate(status, errorBody, undefined, new Headers(headers));
}

function bodyOf(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

describe('anthropic error mapper', () => {
  it.each([
    ['error-400.json', 400, 'validation_error', 'invalid_request_error'],
    ['error-400-prompt-too-long.json', 400, 'context_length_exceeded', 'context_length_exceeded'],
    ['error-413.json', 413, 'validation_error', 'request_too_large'],
    ['error-429.json', 429, 'rate_limit_exceeded', 'provider_rate_limited'],
    ['error-500.json', 500, 'provider_error', 'api_error'],
    ['error-529.json', 529, 'provider_error', 'overloaded'],
  ])('maps %s (%i) to %s with code %s', (file, status, type, code) => {
    const errorBody = body(file) as { error: { message: string } };
    const error = toDomainError(httpError(status, errorBody), 'anthropic');
    expect(error.type).toBe(type);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`anthropic: ${errorBody.error.message}`);
    expect(error.details).toEqual({
      provider: 'anthropic',
      upstream_status: status,
      retry_after_seconds: undefined,
    });
  });

  it.each([
    [401, 'authentication_error', 'provider_error'],
    [403, 'permission_error', 'provider_error'],
    [402, 'billing_error', 'provider_error'],
    [404, 'not_found_error', 'not_found'],
    [408, 'timeout_error', 'timeout'],
    [503, 'api_error', 'provider_error'],
    [504, 'timeout_error', 'provider_error'],
  ])('maps upstream %i (%s) to %s', (status, anthropicType, type) => {
    const error = toDomainError(httpError(status, bodyOf(anthropicType, 'no')), 'anthropic');
    expect(error.type).toBe(type);
    expect(error.details).toMatchObject({ provider: 'anthropic', upstream_status: status });
  });

  it('recognises the other context-window message', () => {
    const message =
      'input length and `max_tokens` exceed context limit: 197626 + 8192 > 200000, decrease input length or `max_tokens` and try again';
    const error = toDomainError(
      httpError(400, bodyOf('invalid_request_error', message)),
      'anthropic',
    );
    expect(error.type).toBe('context_length_exceeded');
  });

  it('keeps the Retry-After of a 429 and a 529', () => {
    for (const [status, file] of [
      [429, 'error-429.json'],
      [529, 'error-529.json'],
    ] as const) {
      const error = toDomainError(
        httpError(status, body(file), { 'retry-after': '12' }),
        'anthropic',
      );
      expect(error.details).toMatchObject({ retry_after_seconds: 12 });
    }
  });

  it('maps an error event in the middle of a stream by its type', () => {
    // The SDK raises the SSE `error` event as an APIError without a status.
    const overloaded = new APIError(
      undefined,
      body('error-529.json'),
      undefined,
      new Headers(),
      'overloaded_error',
    );
    const error = toDomainError(overloaded, 'anthropic');
    expect(error).toMatchObject({
      type: 'provider_error',
      code: 'overloaded',
      message: 'anthropic: Overloaded',
      details: { provider: 'anthropic', upstream_status: undefined },
    });
    const invalid = new APIError(undefined, body('error-400.json'), undefined, new Headers());
    expect(toDomainError(invalid, 'anthropic').type).toBe('validation_error');
  });

  it('maps transport failures and cancellation', () => {
    expect(toDomainError(new APIUserAbortError(), 'anthropic')).toMatchObject({
      type: 'timeout',
      code: 'cancelled',
    });
    expect(toDomainError(new APIConnectionTimeoutError(), 'anthropic')).toMatchObject({
      type: 'timeout',
      code: 'provider_timeout',
    });
    expect(
      toDomainError(new APIConnectionError({ message: 'refused' }), 'anthropic'),
    ).toBeInstanceOf(ServiceUnavailableError);
    expect(toDomainError(new APIConnectionError({ message: 'refused' }), 'anthropic').code).toBe(
      'provider_unreachable',
    );
  });

  it('passes domain errors through and wraps anything else', () => {
    const validation = new ValidationError('bad', { param: 'temperature' });
    expect(toDomainError(validation, 'anthropic')).toBe(validation);
    expect(toDomainError(new Error('kaput'), 'anthropic')).toMatchObject({
      type: 'provider_error',
      code: 'provider_error',
      message: 'The anthropic provider failed: kaput',
    });
  });
});
