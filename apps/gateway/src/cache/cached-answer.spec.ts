import type { ChatCompletion } from '@conduit/contracts';
import {
  cachedAnswer,
  chunksOf,
  completionFromChunks,
  parseCachedAnswer,
  screeningFor,
  servedCompletion,
} from './cached-answer';

const usage = { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 };
const charge = { model: 'm', provider: 'p', costMicroUsd: 42, priceVersion: 'm@2026-01-01' };

const completion: ChatCompletion = {
  id: 'chatcmpl-original',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'm',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Paris.' }, finish_reason: 'stop' },
    {
      index: 1,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } },
        ],
      },
      finish_reason: 'tool_calls',
    },
  ],
  usage,
};

describe('cached answers', () => {
  it('round-trips a completion through the chunks a stream would carry', () => {
    expect(completionFromChunks(chunksOf(completion), usage)).toEqual(completion);
  });

  it('joins tool-call deltas split across chunks', () => {
    const base = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
    const assembled = completionFromChunks(
      [
        { ...base, choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] },
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [
                  { index: 0, id: 'call_9', function: { name: 'f', arguments: '{"a"' } },
                ],
              },
              finish_reason: null,
            },
          ],
        },
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index: 0, function: { arguments: ':2}' } }] },
              finish_reason: null,
            },
          ],
        },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
      ],
      usage,
    );
    expect(assembled?.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_9', type: 'function', function: { name: 'f', arguments: '{"a":2}' } },
        ],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('serves a cached completion under the new request’s id', () => {
    const served = servedCompletion(cachedAnswer(completion, charge), 'req_abc');
    expect(served.id).toBe('chatcmpl-req_abc');
    expect(served.choices).toEqual(completion.choices);
  });

  it('treats a corrupt or foreign entry as absent', () => {
    expect(parseCachedAnswer('{not json')).toBeNull();
    expect(parseCachedAnswer(JSON.stringify({ v: 2, completion, charge }))).toBeNull();
    const stored = JSON.stringify(cachedAnswer(completion, charge));
    expect(parseCachedAnswer(stored)?.completion).toEqual(completion);
  });

  it('reuses a kept screening only under the same fingerprint', () => {
    const screened = { fingerprint: 'f1', completion, findings: [] };
    const answer = cachedAnswer(completion, charge, screened);
    expect(screeningFor(answer, 'f1')).toBe(screened);
    expect(screeningFor(answer, 'f2')).toBeNull();
    expect(screeningFor(answer, null)).toBeNull();
    expect(screeningFor(cachedAnswer(completion, charge), 'f1')).toBeNull();
  });
});
