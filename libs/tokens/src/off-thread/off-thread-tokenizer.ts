import { extname, join } from 'node:path';
import { TOKENIZERS, type EncodingName } from '../tokenizers';
import { textWorkerCount, WorkerPool } from './worker-pool';

/**
 * Texts cheaper than this (in total, see `tokenizingCost`) are tokenized on the caller's
 * thread: posting to a worker costs more than counting them. That is about 1 ms of counting:
 * some 32,000 characters of English, or 2,000 of CJK.
 */
export const OFF_THREAD_MIN_COST = 32_768;

/**
 * Characters outside ASCII cost gpt-tokenizer far more than ASCII ones (random CJK about 2 µs a
 * character against 0.03 µs for English, mostly spent looking up byte runs that are no token),
 * so they weigh this much more in the estimate.
 */
export const NON_ASCII_WEIGHT = 16;

/** A cheap estimate of what tokenizing `texts` costs: linear, and a tiny part of the real cost. */
export function tokenizingCost(texts: readonly string[]): number {
  let cost = 0;
  for (const text of texts) {
    cost += text.length;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) cost += NON_ASCII_WEIGHT - 1;
    }
    if (cost >= OFF_THREAD_MIN_COST) return cost;
  }
  return cost;
}

let pool: WorkerPool | undefined;

function textPool(): WorkerPool {
  // The compiled worker sits beside this file (`.js` in dist, `.ts` when run from sources).
  pool ??= new WorkerPool(
    join(__dirname, `tokenizer.worker${extname(__filename)}`),
    textWorkerCount(),
  );
  return pool;
}

/**
 * The token count of each text, exactly as `TOKENIZERS[encoding].count` gives it, without
 * blocking the event loop on long text: past OFF_THREAD_MIN_COST the counting runs in a worker
 * thread. Linear either way (see @conduit/tokens' bounded tokenizer).
 */
export async function countTokensOffThread(
  encoding: EncodingName,
  texts: readonly string[],
): Promise<number[]> {
  if (tokenizingCost(texts) < OFF_THREAD_MIN_COST) {
    return texts.map((text) => TOKENIZERS[encoding].count(text));
  }
  return textPool().run<number[]>('countTexts', [encoding, texts]);
}

/** `TOKENIZERS[encoding].encode(text)`, in a worker thread when the text is long. */
export async function encodeOffThread(encoding: EncodingName, text: string): Promise<number[]> {
  if (tokenizingCost([text]) < OFF_THREAD_MIN_COST) return TOKENIZERS[encoding].encode(text);
  return textPool().run<number[]>('encodeText', [encoding, text]);
}

/** Stops the worker threads (tests and graceful shutdown); the next long text starts them again. */
export async function closeTokenizerThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
