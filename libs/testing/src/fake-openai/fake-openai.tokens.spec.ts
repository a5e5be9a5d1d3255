import OpenAI from 'openai';
import { FakeOpenAIServer } from './index';

/** What the fake sends for tool calls and with `logprobs: true`, read with the official SDK. */
describe('FakeOpenAIServer (tool-call arguments and logprobs)', () => {
  let server: FakeOpenAIServer;
  let client: OpenAI;
  const ARGS = '{"to": "ana.lopez@example.com", "subject": "Your invoice"}';

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({
      toolArguments: (_request, tool) => (tool === 'send_mail' ? ARGS : '{}'),
    });
    client = new OpenAI({ apiKey: 'sk-any', baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterAll(() => server.stop());

  const forced = {
    model: 'gpt-4o',
    messages: [{ role: 'user' as const, content: 'mail her' }],
    tools: [{ type: 'function' as const, function: { name: 'send_mail' } }],
    tool_choice: 'required' as const,
  };

  it('answers a forced tool call with the arguments it was given', async () => {
    const completion = await client.chat.completions.create(forced);
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'send_mail', arguments: ARGS },
    });
  });

  it('streams those arguments one token per chunk, as OpenAI does', async () => {
    const stream = await client.chat.completions.create({ ...forced, stream: true });
    const pieces: string[] = [];
    for await (const chunk of stream) {
      const args = chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments;
      if (args) pieces.push(args);
    }
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(ARGS);
  });

  it('gives every streamed token its own logprobs, matching the JSON body', async () => {
    const request = {
      model: 'gpt-4o',
      messages: [{ role: 'user' as const, content: 'count to five' }],
      logprobs: true,
    };
    const stream = await client.chat.completions.create({ ...request, stream: true });
    const streamed: { token: string; logprob: number }[] = [];
    let text = '';
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice?.delta.content) continue;
      text += choice.delta.content;
      const [entry, ...more] = choice.logprobs?.content ?? [];
      expect(more).toEqual([]);
      expect(entry?.token).toBe(choice.delta.content);
      streamed.push({ token: entry?.token ?? '', logprob: entry?.logprob ?? 0 });
    }
    expect(new Set(streamed.map((entry) => entry.logprob)).size).toBe(streamed.length);
    const body = await client.chat.completions.create(request);
    expect(body.choices[0]?.message.content).toBe(text);
    expect(
      body.choices[0]?.logprobs?.content?.map(({ token, logprob }) => ({ token, logprob })),
    ).toEqual(streamed);
  });

  it('sends no logprobs unless asked', async () => {
    const body = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(body.choices[0]?.logprobs).toBeNull();
  });
});
