import { FakeQdrantServer } from '@conduit/testing';
import { closeTokenizerThreads, o200k } from '@conduit/tokens';
import { apiClient, uniqueName, type ApiClient } from '../support/api';
import { startSystem, type RunningSystem } from '../support/system';

/** Random CJK ideographs: the text gpt-tokenizer is slowest on (~2 µs a character). */
function randomCjk(chars: number, seed: number): string {
  let state = seed;
  const codes = new Array<number>(chars);
  for (let i = 0; i < chars; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    codes[i] = 0x4e00 + (state % 0x5200);
  }
  let text = '';
  for (let i = 0; i < chars; i += 8192) text += String.fromCharCode(...codes.slice(i, i + 8192));
  return text;
}

/**
 * Runs `short` back to back while `long` is in flight and reports the slowest of them. Every
 * service runs in this one process, so before counting moved to worker threads a megabyte of
 * CJK blocked all of them (the gateway included) for many seconds.
 */
async function slowestWhile<T>(
  long: Promise<T>,
  short: () => Promise<number>,
): Promise<{ long: T; slowestMs: number; served: number }> {
  let done = false;
  const settled = long.finally(() => (done = true));
  let slowestMs = 0;
  let served = 0;
  while (!done) {
    const startedAt = performance.now();
    expect(await short()).toBe(200);
    slowestMs = Math.max(slowestMs, performance.now() - startedAt);
    served++;
  }
  return { long: await settled, slowestMs, served };
}

/**
 * Issue 12's remainder: text of multi-byte characters costs the tokenizer seconds per megabyte.
 * Counted on a service's event loop, one such request stalled its replica (and the gateway took
 * the silent replica for a dead one). Long text is now tokenized in worker threads, so other
 * requests keep flowing while it is counted, and the counts are the same.
 */
describe('nearly a megabyte of multi-byte text (e2e)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let qdrant: FakeQdrantServer;
  // 900 KB of UTF-8: about the most one NATS message carries (its max_payload is 1 MB).
  const text = randomCjk(300_000, 12);

  beforeAll(async () => {
    // Vectors go to (a fake of) Qdrant, as in production: the embedded PGlite store runs its
    // SQL on the retrieval service's own thread, which is a development default, not this test.
    qdrant = await FakeQdrantServer.start();
    system = await startSystem({ env: { QDRANT_URL: qdrant.url } });
    admin = apiClient(system.baseUrl, system.adminKey);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await qdrant?.stop();
    await closeTokenizerThreads();
  });

  const ping = async () =>
    (
      await admin.call('POST', '/v1/chat/completions', {
        model: 'local/echo',
        messages: [{ role: 'user', content: 'ping' }],
      })
    ).status;

  it('answers other chats while a 900 KB CJK prompt is counted, then refuses it by its count', async () => {
    const big = admin.call<{ error: { code: string; message: string } }>(
      'POST',
      '/v1/chat/completions',
      { model: 'local/echo', messages: [{ role: 'user', content: text }] },
    );
    const { long, slowestMs, served } = await slowestWhile(big, ping);
    // Some 576k tokens: more than local/echo's window, which only the exact count can tell.
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('context_length_exceeded');
    const counted = 3 + 3 + o200k.count('user') + o200k.count(text);
    expect(long.body.error.message).toContain(`${counted} tokens`);
    // Counting alone takes seconds; the chats beside it took a normal turn each.
    expect(served).toBeGreaterThan(3);
    expect(slowestMs).toBeLessThan(1_500);
  }, 120_000);

  it('charges a long multi-byte prompt that fits exactly as counted', async () => {
    const fits = randomCjk(20_000, 5);
    const response = await admin.call<{ usage: { prompt_tokens: number } }>(
      'POST',
      '/v1/chat/completions',
      { model: 'local/echo', max_tokens: 4, messages: [{ role: 'user', content: fits }] },
    );
    expect(response.status).toBe(200);
    expect(response.body.usage.prompt_tokens).toBe(3 + 3 + o200k.count('user') + o200k.count(fits));
  });

  it('keeps searching while a 900 KB CJK document is chunked', async () => {
    const collection = uniqueName('cjk');
    expect((await admin.call('POST', '/v1/collections', { name: collection })).status).toBe(200);
    const seeded = await admin.call('POST', `/v1/collections/${collection}/documents`, {
      documents: [{ id: 'seed', text: 'Conduit answers questions about billing.' }],
    });
    expect(seeded.status).toBe(200);
    const search = async () =>
      (await admin.call('POST', `/v1/collections/${collection}/search`, { query: 'billing' }))
        .status;
    const ingest = admin.call<{ data: Array<{ id: string; chunks: number }> }>(
      'POST',
      `/v1/collections/${collection}/documents`,
      { documents: [{ id: 'cjk', text }] },
    );
    const { long, slowestMs, served } = await slowestWhile(ingest, search);
    expect(long.status).toBe(200);
    expect(served).toBeGreaterThan(3);
    expect(slowestMs).toBeLessThan(1_500);
  }, 180_000);
});
