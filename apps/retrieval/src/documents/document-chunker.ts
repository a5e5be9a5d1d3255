import { ValidationError, type DocumentInput, type Metadata } from '@conduit/contracts';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { chunkTextOffThread } from '../chunking/off-thread-chunker';
import type { ChunkOptions, TextChunk } from '../chunking/token-chunker';

export interface ChunkedDocument {
  id: string;
  metadata: Metadata;
  chunks: TextChunk[];
}

/**
 * Gives every document its id (the caller's, else a new `doc_<uuid>`) and cuts it into token
 * chunks. Chunking is CPU work (a 1 MB document takes a noticeable time): the event loop gets
 * a turn between documents, so one large ingest does not stall every other request.
 *
 * Two documents with the same id in one request are refused: their chunks would overwrite
 * each other's, and which one "wins" would be an accident of chunk counts.
 */
export async function chunkDocuments(
  documents: readonly DocumentInput[],
  options: ChunkOptions,
): Promise<ChunkedDocument[]> {
  const seen = new Set<string>();
  const chunked: ChunkedDocument[] = [];
  for (const [i, document] of documents.entries()) {
    const id = document.id ?? `doc_${randomUUID()}`;
    if (seen.has(id)) {
      throw new ValidationError(`Document id '${id}' appears more than once in this request.`, {
        code: 'duplicate_document_id',
        param: `documents[${i}].id`,
      });
    }
    seen.add(id);
    if (i > 0) await yieldToEventLoop();
    chunked.push({
      id,
      metadata: document.metadata ?? {},
      chunks: await chunkTextOffThread(document.text, options),
    });
  }
  return chunked;
}
