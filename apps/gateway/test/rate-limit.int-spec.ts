import { RateLimitExceededError, ServiceUnavailableError } from '@conduit/contracts';
import { createLogger } from '@conduit/telemetry';
import { uniqueSubjectPrefix } from '@conduit/testing';
import { Redis } from 'ioredis';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { RateLimiter, type RateLimiterOptions } from '../src/rate-limit/rate-limiter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = createLogger('gateway', 'silent');

describe('RateLimiter on Redis', () => {
  const limiters: RateLimiter[] = [];
  let namespace: string;

  beforeEach(() => {
    namespace = uniqueSubjectPrefix();
  });

  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((limiter) => limiter.onModuleDestroy()));
  });

  /** A gateway replica's limiter; every one made in a test shares that test's namespace. */
  function replica(options: Partial<RateLimiterOptions> = {}): RateLimiter {
    const limiter = new RateLimiter({
      redisUrl: REDIS_URL,
      namespace,
      failureMode: 'closed',
      logger: silent,
      ...options,
    });
    limiters.push(limiter);
    return limiter;
  }

  async function failureOf(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: unknown) => error,
    );
  }

  it('admits rpm requests and refuses the next, saying when to retry', async () => {
    const limiter = replica();
    expect(limiter.backend).toBe('redis');
    for (let i = 1; i <= 3; i++) {
      const ticket = await limiter.admit('key_a', { rpm: 3, tpm: null }, 0);
      expect(ticket.headers['x-ratelimit-remaining-requests']).toBe(String(3 - i));
    }
    const error = await failureOf(limiter.admit('key_a', { rpm: 3, tpm: null }, 0));
    expect(error).toBeInstanceOf(RateLimitExceededError);
    const { details } = error as RateLimitExceededError;
    expect(details).toMatchObject({ limit_type: 'requests', limit: 3 });
    // Counted for 60 s plus at most the rest of the second they came in.
    expect(details?.retry_after_seconds).toBeGreaterThan(59);
    expect(details?.retry_after_seconds).toBeLessThanOrEqual(61);

    // The counters expire with the window: nothing is left behind in Redis.
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`conduit:rl:${namespace}:*`);
      expect(keys).toEqual([`conduit:rl:${namespace}:key_a`]);
      const ttl = await redis.pttl(keys[0]);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(62_000);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses on tokens once the settled usage reaches tpm, and reopens when settled lower', async () => {
    const limiter = replica();
    const limits = { rpm: null, tpm: 1_000 };
    const ticket = await limiter.admit('key_t', limits, 100);
    expect(ticket.headers['x-ratelimit-remaining-tokens']).toBe('900');
    await ticket.settle(1_200);
    const error = await failureOf(limiter.admit('key_t', limits, 10));
    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect((error as RateLimitExceededError).details).toMatchObject({
      limit_type: 'tokens',
      limit: 1_000,
    });

    // An estimate above the whole limit is admitted into an empty window, then corrected.
    const big = await replica().admit('key_u', limits, 5_000);
    expect(big.headers['x-ratelimit-remaining-tokens']).toBe('0');
    await failureOf(limiter.admit('key_u', limits, 0));
    await big.settle(300);
    const next = await limiter.admit('key_u', limits, 0);
    expect(next.headers['x-ratelimit-remaining-tokens']).toBe('700');
  });

  it('shares limits between gateway replicas', async () => {
    const [first, second] = [replica(), replica()];
    const limits = { rpm: 4, tpm: null };
    await first.admit('key_s', limits, 0);
    await second.admit('key_s', limits, 0);
    await first.admit('key_s', limits, 0);
    const last = await second.admit('key_s', limits, 0);
    expect(last.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(await failureOf(first.admit('key_s', limits, 0))).toBeInstanceOf(RateLimitExceededError);
    expect(await failureOf(second.admit('key_s', limits, 0))).toBeInstanceOf(
      RateLimitExceededError,
    );
  });

  it('admits exactly rpm out of 100 concurrent requests on two replicas', async () => {
    const replicas = [replica(), replica()];
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        replicas[i % 2].admit('key_c', { rpm: 30, tpm: null }, 0),
      ),
    );
    const admitted = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter(
      (result) => result.status === 'rejected' && result.reason instanceof RateLimitExceededError,
    );
    expect(admitted).toHaveLength(30);
    expect(refused).toHaveLength(70);
  });

  it('admits again once the window has moved past the oldest requests', async () => {
    const limiter = replica({ window: { windowMs: 1_000, bucketMs: 100 } });
    const limits = { rpm: 2, tpm: null };
    await limiter.admit('key_w', limits, 0);
    await limiter.admit('key_w', limits, 0);
    const error = await failureOf(limiter.admit('key_w', limits, 0));
    const retryAfterSeconds = (error as RateLimitExceededError).details?.retry_after_seconds;
    expect(typeof retryAfterSeconds).toBe('number');
    expect(retryAfterSeconds).toBeLessThanOrEqual(1.1);
    await new Promise((resolve) => setTimeout(resolve, (retryAfterSeconds as number) * 1000 + 30));
    const ticket = await limiter.admit('key_w', limits, 0);
    expect(ticket.headers['x-ratelimit-remaining-requests']).toBe('1');
  });

  describe('when Redis is unreachable', () => {
    let closedPortUrl: string;

    beforeAll(async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      closedPortUrl = `redis://127.0.0.1:${port}`;
    });

    it('closed mode refuses with 503 rate_limiter_unavailable, without hanging', async () => {
      const limiter = replica({ redisUrl: closedPortUrl });
      const error = await failureOf(limiter.admit('key_x', { rpm: 10, tpm: null }, 0));
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as ServiceUnavailableError).code).toBe('rate_limiter_unavailable');
      expect(await limiter.check()).toMatchObject({ ok: false });
      // Unlimited keys never touch Redis, so they keep working.
      expect((await limiter.admit('key_x', { rpm: null, tpm: null }, 0)).headers).toEqual({});
    }, 5_000);

    it('open mode lets requests through without rate-limit headers', async () => {
      const limiter = replica({ redisUrl: closedPortUrl, failureMode: 'open' });
      const ticket = await limiter.admit('key_x', { rpm: 1, tpm: 10 }, 0);
      expect(ticket.headers).toEqual({});
      await ticket.settle(100);
      expect((await limiter.admit('key_x', { rpm: 1, tpm: 10 }, 0)).headers).toEqual({});
      expect(await limiter.check()).toMatchObject({ ok: true });
    }, 5_000);

    it('fails fast when the connection drops after it was up, and settle never throws', async () => {
      const proxy = await TcpProxy.start(new URL(REDIS_URL));
      const limiter = replica({ redisUrl: `redis://127.0.0.1:${proxy.port}` });
      const ticket = await limiter.admit('key_y', { rpm: 10, tpm: 100 }, 5);
      expect(await limiter.check()).toEqual({ ok: true, detail: 'redis' });
      await proxy.stop();
      const error = await failureOf(limiter.admit('key_y', { rpm: 10, tpm: 100 }, 5));
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      await expect(ticket.settle(50)).resolves.toBeUndefined();
    }, 5_000);
  });
});

/** Stands between the limiter and Redis so a test can cut the connection. */
class TcpProxy {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {
    server.on('connection', (client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => this.sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
  }

  static async start(target: URL): Promise<TcpProxy> {
    const proxy = new TcpProxy(createServer(), target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
