import { RateLimitExceededError } from '@conduit/contracts';
import { createLogger } from '@conduit/telemetry';
import { rateLimitRefusals } from './rate-limit.metrics';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter (in memory)', () => {
  let now: number;
  let limiter: RateLimiter;

  beforeEach(() => {
    now = 1_000_500;
    limiter = new RateLimiter({
      failureMode: 'closed',
      clock: () => now,
      logger: createLogger('gateway', 'silent'),
    });
  });

  async function refusalOf(promise: Promise<unknown>): Promise<RateLimitExceededError> {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RateLimitExceededError);
    return error as RateLimitExceededError;
  }

  async function refusals(limitType: string): Promise<number> {
    const metric = await rateLimitRefusals.get();
    return metric.values.find((value) => value.labels.limit_type === limitType)?.value ?? 0;
  }

  it('counts in memory without Redis', () => {
    expect(limiter.backend).toBe('memory');
  });

  it("admits with OpenAI's headers, then refuses with a 429 saying which limit and when", async () => {
    const first = await limiter.admit('key_1', { rpm: 2, tpm: 1_000 }, 300);
    expect(first.headers).toEqual({
      'x-ratelimit-limit-requests': '2',
      'x-ratelimit-remaining-requests': '1',
      'x-ratelimit-reset-requests': '1m0.5s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '700',
      'x-ratelimit-reset-tokens': '1m0.5s',
    });
    await limiter.admit('key_1', { rpm: 2, tpm: 1_000 }, 300);
    const before = await refusals('requests');

    now += 500;
    const error = await refusalOf(limiter.admit('key_1', { rpm: 2, tpm: 1_000 }, 300));
    expect(error.toPayload()).toEqual({
      type: 'rate_limit_exceeded',
      code: 'rate_limit_exceeded',
      param: null,
      message: 'Rate limit reached: this key may use 2 requests per minute. Retry in 60 s.',
      details: {
        limit_type: 'requests',
        limit: 2,
        retry_after_seconds: 60,
        rate_limit_headers: {
          'x-ratelimit-limit-requests': '2',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '1m0s',
        },
      },
    });
    expect(await refusals('requests')).toBe(before + 1);
    // Another key has its own window.
    await limiter.admit('key_2', { rpm: 2, tpm: null }, 0);
  });

  it('counts an estimate added after admission, and settles against it', async () => {
    const ticket = await limiter.admit('key_e', { rpm: null, tpm: 100 }, 0);
    await ticket.addEstimate(60);
    expect((await limiter.admit('key_e', { rpm: null, tpm: 100 }, 0)).headers).toMatchObject({
      'x-ratelimit-remaining-tokens': '40',
    });
    // The real usage replaces the estimate: 60 estimated, 100 used.
    await ticket.settle(100);
    await refusalOf(limiter.admit('key_e', { rpm: null, tpm: 100 }, 0));
  });

  it('refuses on tokens once settled usage reaches tpm', async () => {
    const ticket = await limiter.admit('key_1', { rpm: null, tpm: 100 }, 10);
    expect(ticket.headers['x-ratelimit-remaining-tokens']).toBe('90');
    await ticket.settle(150);
    const before = await refusals('tokens');
    const error = await refusalOf(limiter.admit('key_1', { rpm: null, tpm: 100 }, 10));
    expect(error.details).toEqual({
      limit_type: 'tokens',
      limit: 100,
      retry_after_seconds: 60.5,
      rate_limit_headers: {
        'x-ratelimit-limit-tokens': '100',
        'x-ratelimit-remaining-tokens': '0',
        'x-ratelimit-reset-tokens': '1m0.5s',
      },
    });
    expect(error.message).toContain('100 tokens per minute');
    expect(await refusals('tokens')).toBe(before + 1);
  });

  it('settles once: a second settle changes nothing', async () => {
    const ticket = await limiter.admit('key_1', { rpm: null, tpm: 100 }, 500);
    await ticket.settle(40);
    await ticket.settle(0);
    const next = await limiter.admit('key_1', { rpm: null, tpm: 100 }, 0);
    expect(next.headers['x-ratelimit-remaining-tokens']).toBe('60');
  });

  it('lets unlimited keys through without counting them', async () => {
    for (let i = 0; i < 5; i++) {
      const ticket = await limiter.admit('key_1', { rpm: null, tpm: null }, 1_000);
      expect(ticket.headers).toEqual({});
    }
    const limited = await limiter.admit('key_1', { rpm: 1, tpm: 10 }, 0);
    expect(limited.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(limited.headers['x-ratelimit-remaining-tokens']).toBe('10');
  });

  it('names a test window by its length', async () => {
    const short = new RateLimiter({
      failureMode: 'closed',
      window: { windowMs: 2_000, bucketMs: 100 },
      clock: () => now,
      logger: createLogger('gateway', 'silent'),
    });
    await short.admit('key_1', { rpm: 1, tpm: null }, 0);
    const error = await refusalOf(short.admit('key_1', { rpm: 1, tpm: null }, 0));
    expect(error.message).toContain('1 requests per 2 s');
  });
});
