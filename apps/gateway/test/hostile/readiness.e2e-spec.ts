import { eventually } from '../support/api';
import { startSystem, type RunningSystem } from '../support/system';

/**
 * Readiness tells the truth about what chat needs: with guardrails failing closed (the
 * default), a dead guardrails service makes every chat a 503, so the gateway is not ready.
 */
describe('readiness with the guardrails failing closed (e2e)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ services: ['llm', 'guardrails', 'ledger'] });
  });

  afterAll(() => system?.close());

  const ready = async () => {
    const response = await fetch(`${system.baseUrl}/health/ready`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('goes red when the guardrails service stops, and green when it is back', async () => {
    // A first probe on a loaded machine can outlast GATEWAY_READY_TIMEOUT_MS for a service still
    // warming up; the point here is what happens when guardrails stop, so start from green.
    expect(await eventually(ready, (probe) => probe.status === 200)).toMatchObject({
      status: 200,
      body: { status: 'up', components: { guardrails: { status: 'up' } } },
    });

    await system.stop('guardrails');
    expect(await ready()).toMatchObject({
      status: 503,
      body: {
        status: 'down',
        components: { guardrails: { status: 'down' }, llm: { status: 'up' } },
      },
    });

    await system.start('guardrails');
    expect((await eventually(ready, (probe) => probe.status === 200)).status).toBe(200);
  });
});
