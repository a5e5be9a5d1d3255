import { loadConfig } from '@conduit/config';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '../src/app.factory';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import { eventually } from './support/api';
import { startSystem, TEST_ADMIN_KEY, type RunningSystem } from './support/system';

interface Ready {
  status: number;
  body: {
    status: string;
    components: Record<string, { status: string; detail?: string }>;
  };
}

/**
 * /health/ready and the guardrails, by failure mode, with the guardrails service unreachable:
 * failing closed, every chat would be a 503, so the gateway is not ready and says why; failing
 * open, chat is served unscanned, so it stays ready and says the guardrails are degraded.
 */
describe('readiness and the guardrails failure mode (e2e)', () => {
  let system: RunningSystem;
  let env: Record<string, string>;
  const gateways: NestFastifyApplication[] = [];

  /** One more gateway on the system's bus, with its own guardrails settings. */
  const gateway = async (extra: Record<string, string>) => {
    const app = await createGatewayApp(loadConfig(GatewayConfigSchema, { ...env, ...extra }));
    await app.listen(0, '127.0.0.1');
    gateways.push(app);
    const address = app.getHttpServer().address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };
  const ready = async (baseUrl: string): Promise<Ready> => {
    const response = await fetch(`${baseUrl}/health/ready`);
    return { status: response.status, body: (await response.json()) as Ready['body'] };
  };

  beforeAll(async () => {
    env = {
      NATS_URL: await natsUrlForTests(),
      NATS_SUBJECT_PREFIX: uniqueSubjectPrefix(),
      CONDUIT_ADMIN_KEY: TEST_ADMIN_KEY,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'warn',
      GATEWAY_READY_TIMEOUT_MS: '1000',
    };
    // No guardrails service: the llm and ledger answer, the guardrails do not.
    system = await startSystem({
      services: ['llm', 'ledger'],
      env: { NATS_SUBJECT_PREFIX: env.NATS_SUBJECT_PREFIX },
    });
  }, 60_000);

  afterAll(async () => {
    for (const app of gateways) {
      app.getHttpServer().closeAllConnections();
      await app.close();
    }
    await system?.close();
  });

  it('fails closed: 503 naming the guardrails; fails open: 200, degraded; disabled: not asked', async () => {
    const closed = await gateway({ GATEWAY_GUARDRAILS_FAILURE_MODE: 'closed' });
    const open = await gateway({ GATEWAY_GUARDRAILS_FAILURE_MODE: 'open' });
    const disabled = await gateway({ GATEWAY_GUARDRAILS: 'disabled' });

    // Everything else is up (a first probe on a loaded machine may still find a service warming).
    const whenLlmUp = (probe: Ready) => probe.body.components.llm?.status === 'up';
    const closedReady = await eventually(() => ready(closed), whenLlmUp);
    expect(closedReady).toMatchObject({
      status: 503,
      body: {
        status: 'down',
        components: {
          guardrails: { status: 'down' },
          llm: { status: 'up' },
          ledger: { status: 'up' },
          nats: { status: 'up' },
        },
      },
    });
    const down = Object.entries(closedReady.body.components)
      .filter(([, component]) => component.status !== 'up')
      .map(([name]) => name);
    expect(down).toEqual(['guardrails']);

    const openReady = await eventually(() => ready(open), whenLlmUp);
    expect(openReady).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        components: { guardrails: { status: 'degraded' }, llm: { status: 'up' } },
      },
    });
    expect(openReady.body.components.guardrails.detail).toMatch(/failing open/);

    const disabledReady = await eventually(() => ready(disabled), whenLlmUp);
    expect(disabledReady).toMatchObject({ status: 200, body: { status: 'up' } });
    expect(disabledReady.body.components.guardrails).toBeUndefined();
  }, 60_000);

  it('is up in both modes once the guardrails service answers', async () => {
    await system.start('guardrails');
    for (const mode of ['closed', 'open']) {
      const baseUrl = await gateway({ GATEWAY_GUARDRAILS_FAILURE_MODE: mode });
      const probe = await eventually(
        () => ready(baseUrl),
        (value) => value.status === 200 && value.body.status === 'up',
      );
      expect(probe).toMatchObject({
        status: 200,
        body: { status: 'up', components: { guardrails: { status: 'up' } } },
      });
    }
  }, 60_000);
});
