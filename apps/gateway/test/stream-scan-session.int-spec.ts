import { loadConfig } from '@conduit/config';
import type {
  ChatCompletionChunk,
  OutputScanRequest,
  OutputSessionScanRequest,
} from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import type { INestApplicationContext } from '@nestjs/common';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule as GuardrailsModule } from '../../guardrails/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { GuardrailsConfigSchema } from '../../guardrails/src/config/guardrails-config.schema';
import { GatewayConfigSchema } from '../src/config/gateway-config.schema';
import { AnswerGuard } from '../src/guardrails/answer-guard';
import { GuardrailFindings } from '../src/guardrails/guardrail-findings';
import { GuardrailsClient } from '../src/guardrails/guardrails.client';

const SYSTEM_PROMPT = 'You are the billing assistant of Example Corp. Be brief and exact.';

const chunk = (content: string, finish: 'stop' | null = null): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'm',
  choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
});

/**
 * Streamed answers are scanned in sessions on a real guardrails service over NATS: after the
 * first window, each window carries only its new text to the replica keeping the session.
 */
describe('stream output scanning in sessions (real guardrails over NATS)', () => {
  let bus: TestBus;
  const replicas: INestApplicationContext[] = [];
  let client: GuardrailsClient;
  const stateless: OutputScanRequest[] = [];
  const inSession: OutputSessionScanRequest[] = [];

  beforeAll(async () => {
    bus = await startTestBus();
    const config = loadConfig(GuardrailsConfigSchema, { ...bus.env, LOG_LEVEL: 'error' });
    for (let i = 0; i < 2; i++) replicas.push(await bus.boot(GuardrailsModule.forRoot(config)));
    const real = new GuardrailsClient(bus.client, loadConfig(GatewayConfigSchema, bus.env));
    // The real client, counting what it sends.
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

  const guard = (requestId: string, findings = new GuardrailFindings(), json = false) =>
    new AnswerGuard(
      client,
      {
        requestId,
        policy: null,
        request: {
          model: 'm',
          messages: [{ role: 'user', content: 'hi' }],
          ...(json ? { response_format: { type: 'json_object' as const } } : {}),
        },
        systemPrompt: SYSTEM_PROMPT,
        canary: null,
        placeholders: [],
      },
      findings,
    );

  /** Stops every guardrails replica (and the sessions they keep), then boots a fresh one. */
  async function replaceReplicas(): Promise<void> {
    for (const replica of replicas.splice(0)) await replica.close();
    const config = loadConfig(GuardrailsConfigSchema, { ...bus.env, LOG_LEVEL: 'error' });
    replicas.push(await bus.boot(GuardrailsModule.forRoot(config)));
  }

  async function relay(answerGuard: AnswerGuard, answer: string, size = 5): Promise<string> {
    const deltas = answer.match(new RegExp(`.{1,${size}}`, 'gs')) ?? [];
    let shown = '';
    for (const [i, delta] of deltas.entries()) {
      const out = await answerGuard.chunk(chunk(delta, i === deltas.length - 1 ? 'stop' : null));
      for (const sent of out) shown += sent.choices[0]?.delta.content ?? '';
    }
    return shown;
  }

  it('sends each character once and the system prompt once, in at most 10 scans for 2,000 characters', async () => {
    const answer =
      `${'The invoice is paid and filed. '.repeat(30)}Write to jane.doe@example.com for copies. ${'All good. '.repeat(100)}`.slice(
        0,
        2_000,
      );
    const shown = await relay(guard('session-once'), answer);
    expect(shown).toBe(answer.replace('jane.doe@example.com', '[REDACTED_EMAIL]'));
    expect(stateless).toHaveLength(1);
    expect(stateless[0]?.openSession).toBe(true);
    expect(stateless.length + inSession.length).toBeLessThanOrEqual(10);
    const sentChars =
      stateless.reduce((sum, request) => sum + request.text.length, 0) +
      inSession.reduce((sum, request) => sum + request.text.length, 0);
    expect(sentChars).toBe(answer.length);
    expect(stateless.filter((request) => request.systemPrompt === SYSTEM_PROMPT)).toHaveLength(1);
  });

  it('finds a value split across windows inside the session', async () => {
    const answer = `${'x '.repeat(40)}call me at jane.doe@exa`;
    const rest = `mple.com today. ${'y '.repeat(300)}`;
    const answerGuard = guard('session-split');
    let shown = '';
    for (const part of [answer, rest]) {
      const out = await answerGuard.chunk(chunk(part, part === rest ? 'stop' : null));
      for (const sent of out) shown += sent.choices[0]?.delta.content ?? '';
    }
    expect(shown).toContain('[REDACTED_EMAIL]');
    expect(shown).not.toContain('jane.doe');
    expect(inSession.length).toBeGreaterThan(0);
  });

  it('starts over without a session when the replica keeping it is gone, losing nothing', async () => {
    const answerGuard = guard('session-lost');
    const first = 'The first part of the answer, long enough for a window. ';
    const released = await answerGuard.chunk(chunk(first));
    expect(stateless).toHaveLength(1);
    await replaceReplicas();
    const rest = `${'and then the rest of it arrives, mail bob@example.org now. '.repeat(4)}`;
    const out = await answerGuard.chunk(chunk(rest, 'stop'));
    const shown = [...released, ...out]
      .map((sent) => sent.choices[0]?.delta.content ?? '')
      .join('');
    expect(shown).toBe(`${first}${rest}`.replaceAll('bob@example.org', '[REDACTED_EMAIL]'));
    // The session request failed (no responders), then one stateless scan of all that was held.
    expect(inSession).toHaveLength(1);
    expect(stateless).toHaveLength(2);
  });

  it('checks a JSON answer whole even when its session was lost half-way', async () => {
    const findings = new GuardrailFindings();
    const answerGuard = guard('session-json', findings, true);
    const answer = JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => `item ${i}`) });
    const [first, second, third] = [0, 1, 2].map((i) =>
      answer.slice((i * answer.length) / 3, ((i + 1) * answer.length) / 3),
    );
    let shown = '';
    const send = async (part: string, finish: 'stop' | null) => {
      for (const sent of await answerGuard.chunk(chunk(part, finish))) {
        shown += sent.choices[0]?.delta.content ?? '';
      }
    };
    await send(first ?? '', null);
    await replaceReplicas();
    // Lost session: this window reopens one on the new replica, which then ends the answer.
    await send(second ?? '', null);
    await send(third ?? '', 'stop');
    expect(shown).toBe(answer);
    // Valid JSON: the schema check saw the whole answer, not the half the new session held.
    expect(findings.list().filter((finding) => finding.scanner === 'json_schema')).toEqual([]);
  });
});
