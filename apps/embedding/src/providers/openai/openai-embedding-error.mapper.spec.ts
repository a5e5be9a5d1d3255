import OpenAI from 'openai';
import { toEmbeddingDomainError } from './openai-embedding-error.mapper';

function apiError(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return OpenAI.APIError.generate(status, { error: body }, undefined, new Headers(headers));
}

const map = (error: unknown) => toEmbeddingDomainError(error, 'openai', 30_000);

describe('toEmbeddingDomainError', () => {
  it('names a refused key as the provider’s problem, not the caller’s', () => {
    const error = map(apiError(401, { message: 'Incorrect API key provided: sk-***1234.' }));
    expect(error).toMatchObject({
      type: 'provider_error',
      code: 'provider_authentication_failed',
      details: { provider: 'openai', upstream_status: 401 },
    });
    expect(error.message).toContain('refused the service');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(map(apiError(403, { message: 'no' })).code).toBe('provider_authentication_failed');
  });

  it('maps rate limits with Retry-After, and unavailability and timeouts by status', () => {
    expect(
      map(
        apiError(
          429,
          { message: 'slow down', code: 'rate_limit_exceeded' },
          { 'retry-after': '7' },
        ),
      ),
    ).toMatchObject({
      type: 'rate_limit_exceeded',
      code: 'rate_limit_exceeded',
      details: { retry_after_seconds: 7 },
    });
    expect(map(apiError(503, { message: 'overloaded' }))).toMatchObject({
      type: 'service_unavailable',
      code: 'provider_unavailable',
    });
    expect(map(apiError(504, { message: 'gateway timeout' })).type).toBe('timeout');
    expect(map(apiError(500, { message: 'oops' }))).toMatchObject({
      type: 'provider_error',
      message: 'openai: oops',
    });
    expect(map(apiError(400, { message: 'bad', param: 'input' }))).toMatchObject({
      type: 'validation_error',
      param: 'input',
    });
    expect(map(apiError(404, { message: 'no such model' })).code).toBe('model_not_found');
  });

  it('tells an unreachable provider from a slow one', () => {
    expect(map(new OpenAI.APIConnectionError({ message: 'ECONNREFUSED' }))).toMatchObject({
      type: 'service_unavailable',
      code: 'provider_unreachable',
    });
    const slow = map(new OpenAI.APIConnectionTimeoutError());
    expect(slow).toMatchObject({ type: 'timeout', code: 'provider_timeout' });
    expect(slow.message).toContain('30000 ms');
    expect(map(new SyntaxError('Unexpected token'))).toMatchObject({ type: 'provider_error' });
  });
});
