import type { RedactRequest } from '@conduit/contracts';
import { RedactBatcher } from './redact-batcher';

/** A guardrails stand-in that upper-cases every text, recording each call. */
function guardrails(fail?: Error, dropOne = false) {
  const calls: RedactRequest[] = [];
  const messaging = {
    request: (_subject: string, payload: RedactRequest) => {
      calls.push(payload);
      if (fail) return Promise.reject(fail);
      const texts = payload.texts.map((text) => text.toUpperCase());
      return Promise.resolve({ texts: dropOne ? texts.slice(1) : texts, kinds: [] });
    },
  };
  return { messaging: messaging as never, calls };
}

const limits = { waitMs: 5, maxRequests: 3, maxChars: 1_000 };
const timeout = () => 1_000;

describe('RedactBatcher', () => {
  it('sends the logs of one window in one call and gives each its own texts back', async () => {
    const { messaging, calls } = guardrails();
    const batcher = new RedactBatcher(messaging, timeout, limits);
    const results = await Promise.all([
      batcher.redact('req_a', null, ['a1', 'a2']),
      batcher.redact('req_b', null, ['b1']),
    ]);
    expect(results).toEqual([['A1', 'A2'], ['B1']]);
    expect(calls).toEqual([{ requestId: 'req_a+1', policy: null, texts: ['a1', 'a2', 'b1'] }]);
  });

  it('never mixes policies, and flushes a full batch at once', async () => {
    const { messaging, calls } = guardrails();
    const batcher = new RedactBatcher(messaging, timeout, limits);
    const japan = { pii_phone_regions: ['JP'] };
    await Promise.all([
      batcher.redact('r1', null, ['x']),
      batcher.redact('r2', japan, ['y']),
      batcher.redact('r3', null, ['z']),
    ]);
    expect(calls.map((call) => call.texts)).toEqual([['x', 'z'], ['y']]);

    calls.length = 0;
    const full = Promise.all(['1', '2', '3'].map((n) => batcher.redact(`f${n}`, null, [n])));
    // Sent before the window ends: the batch reached maxRequests.
    expect(calls).toHaveLength(1);
    await full;
  });

  it('starts a new batch rather than exceed the character bound', async () => {
    const { messaging, calls } = guardrails();
    const batcher = new RedactBatcher(messaging, timeout, limits);
    await Promise.all([
      batcher.redact('r1', null, ['a'.repeat(600)]),
      batcher.redact('r2', null, ['b'.repeat(600)]),
    ]);
    expect(calls).toHaveLength(2);
  });

  it('fails every log of a batch that failed or came back short', async () => {
    const failing = new RedactBatcher(
      guardrails(new Error('no responders')).messaging,
      timeout,
      limits,
    );
    const outcomes = await Promise.allSettled([
      failing.redact('r1', null, ['a']),
      failing.redact('r2', null, ['b']),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);

    const short = new RedactBatcher(guardrails(undefined, true).messaging, timeout, limits);
    await expect(short.redact('r1', null, ['a', 'b'])).rejects.toThrow(/returned 1 texts for 2/);
  });
});
