import { loadConfig } from '@conduit/config';
import type {
  ChatCompletionChunk,
  OutputScanRequest,
  OutputSessionScanRequest,
} from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as GuardrailsModule } from '../../guardrails/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { GuardrailsConfigSchema } from '../../guardrails/src/config/guardrails-config.schema';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import { AnswerGuard } from '../src/guardrails/answer-guard';
import { GuardrailFindings } from '../src/guardrails/guardrail-findings';
import { GuardrailsClient } from '../src/guardrails/guardrails.client';

const EMAIL = 'jane.doe@example.org';

/**
 * Tool-call arguments and per-token fields through a real guardrails service over NATS: the
 * arguments are a text of their own, scanned in growing windows in a session like the content
 * (each character sent once), and chunks keep their logprobs unless their text changed.
 */
describe('tool-call arguments and logprobs in scanning sessions (real guardrails over NATS)', () => {
  let bus: TestBus;
  let client: GuardrailsClient;
  const stateless: OutputScanRequest[] = [];
  const inSession: OutputSessionScanRequest[] = [];

  beforeAll(async () => {
    bus = await startTestBus();
    const config = loadConfig(GuardrailsConfigSchema, { ...bus.env, LOG_LEVEL: 'error' });
    await bus.boot(GuardrailsModule.forRoot(config));
    const real = new GuardrailsClient(bus.client, loadConfig(GatewayConfigSchema, bus.env));
    client = {
      scanOutput: (request: OutputScanRequest) => {
        stateless.push(request);
        return real.scanOutput(request);
      },
      scanOutputInSession: (replica: string, request: OutputSessionScanRequest) => {
        inSession.push(request);
        return real.scanOutputInSession(replica, request);
      },
    } as unknown as GuardrailsClient;
  });

  afterAll(async () => {
    await bus?.close();
  });

  beforeEach(() => {
    stateless.length = 0;
    inSession.length = 0;
  });

  const guard = (requestId: string) =>
    new AnswerGuard(
      client,
      {
        requestId,
        policy: null,
        request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
        systemPrompt: null,
        canary: null,
        placeholders: [],
      },
      new GuardrailFindings(),
    );

  const envelope = { id: 'c', object: 'chat.completion.chunk' as const, created: 0, model: 'm' };

  it('scans 2,000 characters of streamed arguments in at most 10 windows, each character once', async () => {
    const note = 'The customer paid the March invoice late but in full. '.repeat(35);
    const args = JSON.stringify({ to: EMAIL, note: `${note}Copy ${EMAIL} please.` });
    const pieces = args.match(/.{1,4}/gs) ?? [];
    const chunks: ChatCompletionChunk[] = [
      {
        ...envelope,
        choices: [
          {
            index: 0,
            delta: {
              role: 'assistant',
              tool_calls: [
                {
                  index: 0,
                  id: 'call_1',
                  type: 'function',
                  function: { name: 'send', arguments: '' },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      ...pieces.map((piece) => ({
        ...envelope,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] },
            finish_reason: null,
          },
        ],
      })),
      { ...envelope, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' as const }] },
    ];
    const answerGuard = guard('args-session');
    const sent: ChatCompletionChunk[] = [];
    for (const chunk of chunks) sent.push(...(await answerGuard.chunk(chunk)));
    const shown = sent
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
      .map((call) => call.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(shown)).toEqual({
      to: '[REDACTED_EMAIL]',
      note: `${note}Copy [REDACTED_EMAIL] please.`,
    });
    expect(stateless).toHaveLength(1);
    expect(stateless[0]).toMatchObject({ toolCall: 0, openSession: true });
    expect(inSession.every((request) => request.toolCall === 0)).toBe(true);
    expect(args.length).toBeGreaterThan(1_900);
    expect(stateless.length + inSession.length).toBeLessThanOrEqual(10);
    const sentChars =
      stateless.reduce((sum, request) => sum + request.text.length, 0) +
      inSession.reduce((sum, request) => sum + request.text.length, 0);
    expect(sentChars).toBe(args.length);
    expect(sent[0]).toBe(chunks[0]);
    expect(sent.at(-1)).toBe(chunks.at(-1));
  });

  it('keeps every unchanged chunk, logprobs and all, across windows and sessions', async () => {
    const answer = `${'Paid in full, thank you. '.repeat(30)}Write to ${EMAIL} for a copy. ${'Done. '.repeat(40)}`;
    const tokens = answer.match(/\S*\s/g) ?? [];
    const chunks: ChatCompletionChunk[] = tokens.map((token, i) => ({
      ...envelope,
      choices: [
        {
          index: 0,
          delta: { content: token },
          finish_reason: i === tokens.length - 1 ? 'stop' : null,
          logprobs: { content: [{ token, logprob: -i, bytes: null, top_logprobs: [] }] },
        },
      ],
    }));
    const answerGuard = guard('logprobs-session');
    const sent: ChatCompletionChunk[] = [];
    for (const chunk of chunks) sent.push(...(await answerGuard.chunk(chunk)));
    expect(sent.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe(
      answer.replace(EMAIL, '[REDACTED_EMAIL]'),
    );
    expect(inSession.length).toBeGreaterThan(2);
    const changed = sent.filter((chunk) => !chunks.includes(chunk));
    expect(changed.map((chunk) => chunk.choices[0])).toEqual([
      expect.objectContaining({ delta: { content: '[REDACTED_EMAIL] ' }, logprobs: null }),
    ]);
    expect(sent).toHaveLength(chunks.length);
  });
});
