import type { ChatCompletionChunk, OutputScanRequest, OutputScanResult } from '@conduit/contracts';
import { AnswerGuard, FIRST_SCAN_WINDOW_CHARS, MAX_SCAN_INTERVAL_MS } from './answer-guard';
import { GuardrailFindings } from './guardrail-findings';
import type { GuardrailsClient } from './guardrails.client';

/** A guardrails service that releases everything but the last word still arriving. */
function scanner() {
  const scans: OutputScanRequest[] = [];
  const client = {
    scanOutput: (request: OutputScanRequest): Promise<OutputScanResult> => {
      scans.push(request);
      const cut = request.final ? request.text.length : request.text.lastIndexOf(' ') + 1;
      return Promise.resolve({
        blocked: null,
        release: request.text.slice(0, cut),
        held: request.text.length - cut,
        findings: [],
      });
    },
  } as unknown as GuardrailsClient;
  return { client, scans };
}

const chunk = (content: string, finish: 'stop' | null = null): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'm',
  choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
});

function guard(client: GuardrailsClient) {
  return new AnswerGuard(
    client,
    {
      requestId: 'r',
      policy: null,
      request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      systemPrompt: 'Be brief.',
      canary: null,
      placeholders: [],
    },
    new GuardrailFindings(),
  );
}

async function relay(answerGuard: AnswerGuard, deltas: string[]): Promise<string> {
  let shown = '';
  for (const [i, delta] of deltas.entries()) {
    const out = await answerGuard.chunk(chunk(delta, i === deltas.length - 1 ? 'stop' : null));
    for (const sent of out) shown += sent.choices[0]?.delta.content ?? '';
  }
  return shown;
}

describe('AnswerGuard (streamed answers)', () => {
  afterEach(() => jest.useRealTimers());

  it('scans a 2,000-character answer in at most 10 windows and shows all of it', async () => {
    const { client, scans } = scanner();
    const answer = 'word '.repeat(400);
    const deltas = answer.match(/.{1,4}/gs) ?? [];
    expect(await relay(guard(client), deltas)).toBe(answer);
    expect(scans.length).toBeLessThanOrEqual(10);
    // The first window is as small as before: the first words show as early.
    expect(scans[0]?.text.length).toBeLessThanOrEqual(FIRST_SCAN_WINDOW_CHARS + 4);
  });

  it('releases what a slow model wrote after at most a second, without a timer', async () => {
    jest.useFakeTimers();
    const { client, scans } = scanner();
    const answerGuard = guard(client);
    expect(await answerGuard.chunk(chunk('slow '))).toEqual([]);
    jest.advanceTimersByTime(MAX_SCAN_INTERVAL_MS);
    const released = await answerGuard.chunk(chunk('model '));
    // Both chunks go out as they came, once one scan released their text.
    expect(released.map((sent) => sent.choices[0]?.delta.content)).toEqual(['slow ', 'model ']);
    expect(scans).toHaveLength(1);
  });
});
