import type {
  ChatCompletion,
  ChatCompletionChunk,
  OutputEdit,
  OutputScanRequest,
  OutputScanResult,
} from '@conduit/contracts';
import { AnswerGuard } from './answer-guard';
import { GuardrailFindings } from './guardrail-findings';
import type { GuardrailsClient } from './guardrails.client';

const EMAIL = /[a-z.]+@example\.com/g;

/**
 * A guardrails service in miniature: redacts e-mail addresses, holds back the last word still
 * arriving, and says what it changed (`edits`) unless told to behave like an older service.
 */
function scanner(options: { withEdits?: boolean } = {}) {
  const scans: OutputScanRequest[] = [];
  const client = {
    scanOutput: (request: OutputScanRequest): Promise<OutputScanResult> => {
      scans.push(request);
      const { text } = request;
      const cut = request.final ? text.length : text.lastIndexOf(' ') + 1;
      const released = text.slice(0, cut);
      const edits: OutputEdit[] = [...released.matchAll(EMAIL)].map((match) => ({
        start: match.index,
        end: match.index + match[0].length,
        text: '[REDACTED_EMAIL]',
      }));
      return Promise.resolve({
        blocked: null,
        release: released.replace(EMAIL, '[REDACTED_EMAIL]'),
        ...(options.withEdits === false ? {} : { edits }),
        held: text.length - cut,
        findings: [],
      });
    },
  } as unknown as GuardrailsClient;
  return { client, scans };
}

function guard(client: GuardrailsClient) {
  return new AnswerGuard(
    client,
    {
      requestId: 'r',
      policy: null,
      request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      systemPrompt: null,
      canary: null,
      placeholders: [],
    },
    new GuardrailFindings(),
  );
}

const envelope = { id: 'c', object: 'chat.completion.chunk' as const, created: 0, model: 'm' };

/** One chunk per token, each with its own logprob, as OpenAI streams with `logprobs: true`. */
function tokenChunks(tokens: string[]): ChatCompletionChunk[] {
  return tokens.map((token, i) => ({
    ...envelope,
    choices: [
      {
        index: 0,
        delta: { content: token },
        finish_reason: i === tokens.length - 1 ? ('stop' as const) : null,
        logprobs: { content: [{ token, logprob: -i / 100, bytes: null, top_logprobs: [] }] },
      },
    ],
  }));
}

async function relay(answerGuard: AnswerGuard, chunks: ChatCompletionChunk[]) {
  const sent: ChatCompletionChunk[] = [];
  for (const chunk of chunks) sent.push(...(await answerGuard.chunk(chunk)));
  sent.push(...(await answerGuard.finish()));
  return sent;
}

const contentOf = (sent: ChatCompletionChunk[]) =>
  sent.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

describe('AnswerGuard keeps per-token fields with their text', () => {
  const words = 'The invoice for March is paid and filed; nothing else is due this month. '.repeat(
    3,
  );
  const tokens = words.match(/\S*\s/g) ?? [];

  it('sends the model’s own chunks, logprobs and all, when nothing was changed', async () => {
    const { client, scans } = scanner();
    const chunks = tokenChunks(tokens);
    const sent = await relay(guard(client), chunks);
    // The very objects the model sent, in order, none merged or dropped.
    expect(sent).toHaveLength(chunks.length);
    sent.forEach((chunk, i) => expect(chunk).toBe(chunks[i]));
    expect(scans.length).toBeGreaterThan(1);
  });

  it('drops logprobs only from the chunks whose text was redacted', async () => {
    const { client } = scanner();
    const split = ['Mail ', 'jane', '.doe', '@example', '.com ', 'today ', ...tokens];
    const chunks = tokenChunks(split);
    const sent = await relay(guard(client), chunks);
    expect(contentOf(sent)).toBe(`Mail [REDACTED_EMAIL] today ${tokens.join('')}`);
    // The address began in the second chunk: it carries the placeholder; the chunks holding
    // only the rest of it are gone, the one with the rest and a space keeps the space; all
    // three changed, so none keeps its logprobs. Every other chunk went out untouched.
    expect(sent.slice(1, 3).map((chunk) => chunk.choices[0])).toEqual([
      expect.objectContaining({ delta: { content: '[REDACTED_EMAIL]' }, logprobs: null }),
      expect.objectContaining({ delta: { content: ' ' }, logprobs: null }),
    ]);
    expect(sent).toHaveLength(chunks.length - 2);
    for (const chunk of [sent[0], ...sent.slice(3)]) expect(chunks).toContain(chunk);
  });

  it('never splits a chunk: one that the release cuts through waits for the next release', async () => {
    const { client } = scanner();
    const answerGuard = guard(client);
    const chunks = tokenChunks(['x'.repeat(30), ` ${'y'.repeat(30)}`, ' and the rest. ']);
    const first = await answerGuard.chunk(chunks[0]);
    const second = await answerGuard.chunk(chunks[1]);
    // The scan released up to the space inside the second chunk; that chunk still waits.
    expect([...first, ...second]).toEqual([chunks[0]]);
    const rest = await answerGuard.chunk(chunks[2]);
    expect(rest).toEqual([chunks[1], chunks[2]]);
  });

  it('still shows the right text when an older guardrails service sends no edits', async () => {
    const { client } = scanner({ withEdits: false });
    const split = ['Mail ', 'jane', '.doe@example.com ', 'today. ', ...tokens];
    const sent = await relay(guard(client), tokenChunks(split));
    expect(contentOf(sent)).toBe(`Mail [REDACTED_EMAIL] today. ${tokens.join('')}`);
  });
});

describe('AnswerGuard scans tool-call arguments', () => {
  it('redacts the arguments of a completion’s tool calls', async () => {
    const { client, scans } = scanner();
    const completion: ChatCompletion = {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 't1', type: 'function', function: { name: 'noop', arguments: '{}' } },
              {
                id: 't2',
                type: 'function',
                function: { name: 'send', arguments: '{"to":"jane@example.com"}' },
              },
            ],
          },
        },
      ],
    };
    const screened = await guard(client).completion(completion);
    expect(screened.choices[0]?.message.tool_calls?.[1]?.function.arguments).toBe(
      '{"to":"[REDACTED_EMAIL]"}',
    );
    expect(scans.map((scan) => scan.toolCall)).toEqual([0, 1]);
  });

  it('redacts streamed arguments, each tool call scanned as its own text', async () => {
    const { client, scans } = scanner();
    const call = (index: number, args: string, head = false) => ({
      index,
      ...(head && { id: `t${index}`, type: 'function' as const }),
      function: { ...(head && { name: 'send' }), arguments: args },
    });
    const chunks: ChatCompletionChunk[] = [
      [call(0, '', true)],
      [call(0, '{"to": "ja')],
      [call(0, 'ne@example.com ", "n": 1}')],
      [call(1, '', true)],
      [call(1, '{"cc": "bob@example.com "}')],
    ].map((tool_calls, i) => ({
      ...envelope,
      choices: [{ index: 0, delta: { tool_calls }, finish_reason: i === 4 ? 'tool_calls' : null }],
    }));
    const sent = await relay(guard(client), chunks);
    const args = (index: number) =>
      sent
        .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
        .filter((entry) => entry.index === index)
        .map((entry) => entry.function?.arguments ?? '')
        .join('');
    expect(args(0)).toBe('{"to": "[REDACTED_EMAIL] ", "n": 1}');
    expect(args(1)).toBe('{"cc": "[REDACTED_EMAIL] "}');
    expect(new Set(scans.map((scan) => scan.toolCall))).toEqual(new Set([0, 1]));
    // The heads (id, name) went out in their places, first of each call.
    expect(sent[0]?.choices[0]?.delta.tool_calls?.[0]?.id).toBe('t0');
    expect(sent.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});
