import OpenAI from 'openai';
import { startSystem, type RunningSystem } from './support/system';

/** What a user sees at 3 AM when the llm service is gone: a clear 503, and readiness says why. */
describe('gateway with the llm service down (e2e)', () => {
  let system: RunningSystem;
  let client: OpenAI;

  beforeAll(async () => {
    system = await startSystem({ services: ['llm', 'guardrails'] });
    client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
    await client.chat.completions.create({
      model: 'local/echo',
      messages: [{ role: 'user', content: 'up' }],
    });
    await system.stop('llm');
  });

  afterAll(() => system?.close());

  it('answers chat with 503 service_unavailable instead of hanging', async () => {
    const error = await client.chat.completions
      .create({ model: 'local/echo', messages: [{ role: 'user', content: 'anyone?' }] })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(503);
    expect(apiError.type).toBe('service_unavailable');
    expect(apiError.message).toMatch(/No llm service is available/);
    expect(apiError.requestID).toMatch(/^req_/);
  });

  it('the same for a stream, before any SSE byte', async () => {
    await expect(
      client.chat.completions.create({
        model: 'local/echo',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 503 });
  });

  it('is live but not ready, naming the llm service', async () => {
    expect((await fetch(`${system.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${system.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'down',
      components: { nats: { status: 'up' }, llm: { status: 'down' } },
    });
  });
});
