import { OFF_THREAD_MIN_COST, textWorkerCount, tokenizingCost, WorkerPool } from '@conduit/tokens';
import { extname, join } from 'node:path';
import { chunkText, type ChunkOptions, type TextChunk } from './token-chunker';

let pool: WorkerPool | undefined;

/**
 * `chunkText`, in a worker thread when the text is long: chunking tokenizes the whole document,
 * and a megabyte of CJK takes seconds of CPU that would otherwise stall every search and ingest
 * this replica serves. Short texts are chunked in place (a worker round trip costs more).
 */
export function chunkTextOffThread(text: string, options: ChunkOptions): Promise<TextChunk[]> {
  if (tokenizingCost([text]) < OFF_THREAD_MIN_COST) {
    return Promise.resolve(chunkText(text, options));
  }
  // The chunker module itself is the worker's module (`.js` in dist, `.ts` from sources).
  pool ??= new WorkerPool(
    join(__dirname, `token-chunker${extname(__filename)}`),
    textWorkerCount(),
  );
  return pool.run<TextChunk[]>('chunkText', [text, options]);
}

/** Stops the chunking threads (tests and shutdown); the next long text starts them again. */
export async function closeChunkingThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
