import {
  ContextLengthExceededError,
  NotFoundError,
  ProviderError,
  RateLimitExceededError,
  ServiceUnavailableError,
  TimeoutError,
  ValidationError,
} from '@conduit/contracts';
import { classifyFailure, retryAfterSeconds } from './failure-classification';

const upstream = (status: number, retryAfter?: number) => ({
  details: { provider: 'p', upstream_status: status, retry_after_seconds: retryAfter },
});

describe('classifyFailure', () => {
  it('retries what may pass on a second try', () => {
    expect(classifyFailure(new RateLimitExceededError('x', upstream(429)))).toBe('retry');
    expect(classifyFailure(new ProviderError('x', upstream(500)))).toBe('retry');
    expect(classifyFailure(new ProviderError('x', upstream(529)))).toBe('retry');
    expect(classifyFailure(new ProviderError('x', upstream(503)))).toBe('retry');
    expect(classifyFailure(new TimeoutError('x', { code: 'provider_timeout' }))).toBe('retry');
    expect(
      classifyFailure(new ServiceUnavailableError('x', { code: 'provider_unreachable' })),
    ).toBe('retry');
    expect(classifyFailure(new ProviderError('x', { code: 'stream_interrupted' }))).toBe('retry');
  });

  it('moves on to a fallback when this deployment cannot serve the model', () => {
    expect(classifyFailure(new ProviderError('bad upstream key', upstream(401)))).toBe(
      'next_model',
    );
    expect(classifyFailure(new ProviderError('x', upstream(403)))).toBe('next_model');
    expect(classifyFailure(new NotFoundError('no such upstream model', upstream(404)))).toBe(
      'next_model',
    );
  });

  it("never retries the caller's own mistakes, nor a cancel", () => {
    expect(classifyFailure(new ValidationError('x', upstream(400)))).toBe('final');
    expect(classifyFailure(new ValidationError('x', upstream(422)))).toBe('final');
    expect(classifyFailure(new ContextLengthExceededError('x', upstream(400)))).toBe('final');
    expect(classifyFailure(new ValidationError('checked before any call'))).toBe('final');
    expect(classifyFailure(new TimeoutError('x', { code: 'cancelled' }))).toBe('final');
  });

  it('reads Retry-After from the error details', () => {
    expect(retryAfterSeconds(new RateLimitExceededError('x', upstream(429, 2)))).toBe(2);
    expect(retryAfterSeconds(new RateLimitExceededError('x', upstream(429)))).toBeUndefined();
  });
});
