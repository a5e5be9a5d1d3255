import OpenAI from 'openai';
import { startSystem, type RunningSystem } from './support/system';

// OpenTelemetry's GenAI client metrics on the gateway's metrics port, from real requests
// through the whole system (local/echo, no provider).
describe('GenAI metrics (e2e)', () => {
  let system: RunningSystem;
  let client: OpenAI;

  beforeAll(async () => {
    system = await startSystem({ services: ['llm', 'guardrails', 'ledger'] });
    client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(() => system?.close());

  it('counts tokens, duration, time to first chunk, time per chunk and cost per model, never per key', async () => {
    const messages = [{ role: 'user' as const, content: 'Metrics, please.' }];
    const answer = await client.chat.completions.create({ model: 'local/echo', messages });
    const stream = await client.chat.completions.create({
      model: 'local/echo',
      messages,
      stream: true,
    });
    for await (const chunk of stream) void chunk;
    await expect(
      client.chat.completions.create({ model: 'no/such-model', messages }),
    ).rejects.toThrow();

    const text = await (await fetch(system.metricsUrl)).text();
    const model =
      'gen_ai_operation_name="chat",gen_ai_provider_name="local",gen_ai_request_model="local/echo",gen_ai_response_model="local/echo"';
    const count = (name: string, labels: string) =>
      Number(new RegExp(`^${name}_count\\{${labels}\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    expect(count('gen_ai_client_token_usage', `${model},gen_ai_token_type="input"`)).toBe(2);
    expect(count('gen_ai_client_token_usage', `${model},gen_ai_token_type="output"`)).toBe(2);
    expect(count('gen_ai_client_operation_duration_seconds', `${model},error_type=""`)).toBe(2);
    expect(count('gen_ai_client_operation_time_to_first_chunk_seconds', model)).toBe(1);
    // The echo streams its answer in several chunks: one mean time per chunk for the stream.
    expect(count('gen_ai_client_operation_time_per_output_chunk_seconds', model)).toBe(1);
    const inputTokens = Number(
      new RegExp(
        `^gen_ai_client_token_usage_sum\\{${model},gen_ai_token_type="input"\\} (\\d+)`,
        'm',
      ).exec(text)?.[1],
    );
    expect(inputTokens).toBe(2 * (answer.usage?.prompt_tokens ?? 0));
    // An unknown model is one `unknown`, not a label value of its own.
    expect(text).toMatch(/gen_ai_request_model="unknown"[^\n]*error_type="not_found"/);
    expect(text).not.toContain('no/such-model');
    expect(text).toMatch(
      /^conduit_cost_micro_usd_total\{gen_ai_response_model="local\/echo",team="none"\} \d+/m,
    );
    expect(text).not.toMatch(/key_[0-9a-f]{8}/);
  });
});
