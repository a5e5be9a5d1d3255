import {
  ProviderError,
  RateLimitExceededError,
  ServiceUnavailableError,
  ValidationError,
} from '@conduit/contracts';
import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { toHttpError } from './openai-error';

describe('toHttpError', () => {
  it('maps taxonomy errors to status and OpenAI shape with the request id', () => {
    const mapped = toHttpError(
      new ValidationError('bad temperature', { param: 'temperature', code: 'invalid_value' }),
      'req_1',
    );
    expect(mapped.status).toBe(400);
    expect(mapped.body).toEqual({
      error: {
        message: 'bad temperature',
        type: 'validation_error',
        code: 'invalid_value',
        param: 'temperature',
        request_id: 'req_1',
      },
    });
    expect(toHttpError(new ProviderError('x'), 'r').status).toBe(502);
    expect(toHttpError(new ServiceUnavailableError('x'), 'r').status).toBe(503);
  });

  it('passes a provider Retry-After on', () => {
    const mapped = toHttpError(
      new RateLimitExceededError('slow', { details: { retry_after_seconds: 2.5 } }),
      'r',
    );
    expect(mapped.status).toBe(429);
    expect(mapped.headers['retry-after']).toBe('3');
  });

  it('maps framework errors: unknown route, body too large, bad JSON', () => {
    expect(toHttpError(new NotFoundException(), 'r', 'GET /v1/x').body.error).toMatchObject({
      type: 'not_found',
      message: 'Unknown request URL: GET /v1/x.',
    });
    expect(toHttpError(new PayloadTooLargeException(), 'r').status).toBe(413);
    expect(toHttpError(new SyntaxError('Unexpected token'), 'r').body.error.code).toBe(
      'invalid_json',
    );
  });

  it('never leaks an unexpected error message', () => {
    const mapped = toHttpError(new Error('password=hunter2 at db.ts:12'), 'r');
    expect(mapped.status).toBe(500);
    expect(mapped.body.error.message).not.toContain('hunter2');
  });
});
