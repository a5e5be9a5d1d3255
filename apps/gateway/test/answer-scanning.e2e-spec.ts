import { FakeOpenAIServer, type FakeChatCompletionRequest } from '@conduit/testing';
import OpenAI from 'openai';
import { startSystem, type RunningSystem } from './support/system';

// Made-up values; never real people.
const EMAIL = 'jane.doe@example.org';
const MAIL_ARGS = JSON.stringify({ to: EMAIL, subject: 'Your invoice', urgent: true });
const ROUTED = JSON.stringify({
  queue: 'billing@example.com',
  customer: EMAIL,
  note: `ask ${EMAIL}`,
});
const CLEAN = `The invoice for March is paid and filed. ${'Nothing else is due this month, and the next statement comes in April. '.repeat(4)}`;
const WITH_ADDRESS = `The invoice is paid. Write to ${EMAIL} for copies of it. ${'Nothing else is due this month. '.repeat(4)}`;

/** What the fake model says to each prompt of these tests. */
const REPLIES: Record<string, string> = {
  'route this ticket': ROUTED,
  'summarise the invoice': CLEAN,
  'who sends copies': WITH_ADDRESS,
};

const ROUTING_FORMAT = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'route',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        queue: { type: 'string', enum: ['billing@example.com', 'support@example.com'] },
        customer: { type: 'string' },
        note: { type: 'string' },
      },
      required: ['queue', 'customer', 'note'],
      additionalProperties: false,
    },
  },
};

const lastUserText = (request: FakeChatCompletionRequest) => {
  const content = request.messages.filter((message) => message.role === 'user').at(-1)?.content;
  return typeof content === 'string' ? content : '';
};

interface TokenFigure {
  token: string;
  logprob: number;
}

/**
 * Answers through the real gateway, guardrails and llm services (default policy: PII and
 * secrets in answers redacted) from a fake OpenAI that returns tool calls and logprobs.
 */
describe('answer scanning: tool calls, JSON answers, logprobs (e2e)', () => {
  let system: RunningSystem;
  let fake: FakeOpenAIServer;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({
      reply: (request) => REPLIES[lastUserText(request)] ?? 'OK.',
      toolArguments: () => MAIL_ARGS,
    });
    system = await startSystem({
      env: {
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: 'sk-upstream',
        OPENAI_MODELS: 'gpt-4o-mini',
      },
      services: ['llm', 'guardrails', 'ledger'],
    });
    client = new OpenAI({
      apiKey: system.adminKey,
      baseURL: `${system.baseUrl}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await system?.close();
    await fake?.stop();
  });

  const mailCall = {
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user' as const, content: 'mail the customer' }],
    tools: [
      {
        type: 'function' as const,
        function: { name: 'send_mail', parameters: { type: 'object', properties: {} } },
      },
    ],
    tool_choice: 'required' as const,
  };

  describe('tool-call arguments', () => {
    it('are redacted in a completion, and stay valid JSON', async () => {
      const completion = await client.chat.completions.create(mailCall);
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(call?.type === 'function' && call.function.name).toBe('send_mail');
      const args = call?.type === 'function' ? call.function.arguments : '';
      expect(args).not.toContain(EMAIL);
      expect(JSON.parse(args)).toEqual({
        to: '[REDACTED_EMAIL]',
        subject: 'Your invoice',
        urgent: true,
      });
    });

    it('are redacted in a stream, fragment by fragment, and stay valid JSON', async () => {
      const stream = await client.chat.completions.create({ ...mailCall, stream: true });
      const fragments: string[] = [];
      let finish: string | null = null;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        finish = choice?.finish_reason ?? finish;
        for (const call of choice?.delta.tool_calls ?? []) {
          if (call.function?.arguments) fragments.push(call.function.arguments);
        }
      }
      const args = fragments.join('');
      expect(args).not.toContain('jane');
      expect(JSON.parse(args)).toEqual({
        to: '[REDACTED_EMAIL]',
        subject: 'Your invoice',
        urgent: true,
      });
      // Still streamed in pieces, not gathered into one.
      expect(fragments.length).toBeGreaterThan(3);
      expect(finish).toBe('tool_calls');
    });
  });

  describe('a json_schema answer', () => {
    const routed = {
      queue: 'billing@example.com',
      customer: '[REDACTED_EMAIL]',
      note: 'ask [REDACTED_EMAIL]',
    };
    const request = {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'route this ticket' }],
      response_format: ROUTING_FORMAT,
    };

    it('is redacted inside its string values only: valid JSON, the enum value kept', async () => {
      const completion = await client.chat.completions.create(request);
      expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual(routed);
    });

    it('is the same valid JSON when streamed', async () => {
      const stream = await client.chat.completions.create({ ...request, stream: true });
      let content = '';
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
      expect(JSON.parse(content)).toEqual(routed);
    });
  });

  describe('streamed logprobs', () => {
    /** Each content chunk's text and its logprobs, as the caller receives them. */
    async function streamed(prompt: string) {
      const stream = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: prompt }],
        logprobs: true,
        stream: true,
      });
      const chunks: { content: string; figures: TokenFigure[] | null }[] = [];
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (!choice?.delta.content) continue;
        const figures = choice.logprobs?.content?.map(({ token, logprob }) => ({ token, logprob }));
        chunks.push({ content: choice.delta.content, figures: figures ?? null });
      }
      return chunks;
    }

    /** The model's own tokens and figures for a prompt, from the fake directly. */
    async function modelFigures(prompt: string): Promise<TokenFigure[]> {
      const direct = new OpenAI({ apiKey: 'sk-upstream', baseURL: fake.baseUrl, maxRetries: 0 });
      const body = await direct.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: prompt }],
        logprobs: true,
      });
      return (body.choices[0]?.logprobs?.content ?? []).map(({ token, logprob }) => ({
        token,
        logprob,
      }));
    }

    it('arrive token by token, each with its own token, when nothing was redacted', async () => {
      const chunks = await streamed('summarise the invoice');
      const expected = await modelFigures('summarise the invoice');
      expect(chunks.map((chunk) => chunk.content).join('')).toBe(CLEAN);
      // One chunk per token, as the model sent them: not merged into windows.
      expect(chunks).toHaveLength(expected.length);
      expect(chunks.flatMap((chunk) => chunk.figures ?? [])).toEqual(expected);
      for (const chunk of chunks) expect(chunk.figures?.[0]?.token).toBe(chunk.content);
    });

    it('are dropped only for the chunks whose text was redacted, and never name the value', async () => {
      const chunks = await streamed('who sends copies');
      expect(chunks.map((chunk) => chunk.content).join('')).toBe(
        WITH_ADDRESS.replace(EMAIL, '[REDACTED_EMAIL]'),
      );
      const changed = chunks.filter((chunk) => chunk.figures === null);
      expect(changed.map((chunk) => chunk.content).join('')).toContain('[REDACTED_EMAIL]');
      expect(changed.length).toBeLessThanOrEqual(8);
      const kept = chunks.filter((chunk) => chunk.figures !== null);
      expect(kept.length).toBeGreaterThan(20);
      for (const chunk of kept) expect(chunk.figures?.[0]?.token).toBe(chunk.content);
      const figures = JSON.stringify(chunks.map((chunk) => chunk.figures));
      expect(figures).not.toContain('jane');
      expect(figures).not.toContain('example.org');
    });

    it('are dropped from a completion whose text was redacted (they would name the value)', async () => {
      const completion = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'who sends copies' }],
        logprobs: true,
      });
      expect(completion.choices[0]?.message.content).toContain('[REDACTED_EMAIL]');
      expect(completion.choices[0]?.logprobs ?? null).toBeNull();
      const clean = await client.chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'summarise the invoice' }],
        logprobs: true,
      });
      expect(clean.choices[0]?.logprobs?.content?.length).toBeGreaterThan(20);
    });
  });
});
