import { cl100k } from '../cl100k.tokenizer';
import { o200k } from '../o200k.tokenizer';
import { countRequestTokens, countRequestTokensAsync } from '../prompt-tokens';
import {
  closeTokenizerThreads,
  countTokensOffThread,
  encodeOffThread,
  OFF_THREAD_MIN_COST,
} from './off-thread-tokenizer';

function randomCjk(chars: number, seed = 7): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < chars; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    text += String.fromCharCode(0x4e00 + (state % 0x5200));
  }
  return text;
}

/** The longest the event loop went without running a 5 ms interval while `work` was pending. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

describe('tokenizing off the event loop', () => {
  afterAll(() => closeTokenizerThreads());

  it('counts long text in a worker exactly as on the thread', async () => {
    const texts = [randomCjk(OFF_THREAD_MIN_COST), 'hello <|endoftext|> world', ''];
    const counts = await countTokensOffThread('o200k_base', texts);
    expect(counts).toEqual(texts.map((text) => o200k.count(text)));
    const cl = await countTokensOffThread('cl100k_base', texts);
    expect(cl).toEqual(texts.map((text) => cl100k.count(text)));
  });

  it('encodes long text in a worker exactly as on the thread', async () => {
    const text = `${'word '.repeat(5_000)}${randomCjk(2_000)}`;
    expect(await encodeOffThread('o200k_base', text)).toEqual(o200k.encode(text));
  });

  it('counts a whole request the same either way', async () => {
    const request = {
      model: 'local/echo',
      messages: [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: randomCjk(20_000), name: 'ann' },
      ],
      tools: [{ type: 'function' as const, function: { name: 'f', parameters: {} } }],
    };
    expect(await countRequestTokensAsync(request)).toBe(countRequestTokens(request));
  });

  it('keeps the event loop answering while a megabyte of CJK is counted', async () => {
    const text = randomCjk(500_000);
    // On the thread this takes about a second here; in the worker, the loop keeps ticking.
    const stall = await longestStall(countTokensOffThread('o200k_base', [text]));
    expect(stall).toBeLessThan(250);
  }, 30_000);

  it('queues work beyond the pool and answers every caller', async () => {
    const texts = [1, 2, 3, 4].map((seed) => randomCjk(OFF_THREAD_MIN_COST + seed, seed));
    const counts = await Promise.all(
      texts.map((text) => countTokensOffThread('o200k_base', [text])),
    );
    expect(counts).toEqual(texts.map((text) => [o200k.count(text)]));
  });
});
