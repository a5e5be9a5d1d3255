import type { SearchHitResult } from '@conduit/contracts';
import { TokenCounter } from '../chunking/token-counter';
import { assembleContext } from './context-assembler';

const counter = new TokenCounter();

function hit(documentId: string, chunkIndex: number, text: string, score = 0.5): SearchHitResult {
  return { document_id: documentId, chunk_index: chunkIndex, score, text, metadata: {} };
}

describe('assembleContext', () => {
  it('numbers hits best first and cites each by its index', () => {
    const result = assembleContext(
      [hit('kettle', 0, 'Boil for two minutes.', 0.9), hit('tea', 3, 'Steep green tea.', 0.7)],
      1000,
      counter,
    );
    expect(result.context).toBe(
      '[1] (document kettle)\nBoil for two minutes.\n\n[2] (document tea)\nSteep green tea.',
    );
    expect(result.sources.map((source) => [source.index, source.document_id])).toEqual([
      [1, 'kettle'],
      [2, 'tea'],
    ]);
    expect(result.sources[0]).toMatchObject({ chunk_index: 0, score: 0.9, metadata: {} });
    expect(result.contextTokens).toBe(counter.count(result.context));
  });

  it('is empty when nothing matched', () => {
    expect(assembleContext([], 500, counter)).toEqual({
      context: '',
      sources: [],
      contextTokens: 0,
    });
  });

  it('cites a chunk seen twice once, keeping the numbering dense', () => {
    const result = assembleContext(
      [hit('a', 0, 'first'), hit('a', 0, 'first'), hit('b', 1, 'second')],
      500,
      counter,
    );
    expect(result.sources.map((source) => `${source.index}:${source.document_id}`)).toEqual([
      '1:a',
      '2:b',
    ]);
  });

  it('stops at the first hit past the token budget and never exceeds it', () => {
    const paragraph = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
    const hits = Array.from({ length: 10 }, (_, i) => hit(`doc-${i}`, 0, paragraph));
    const one = counter.count(`[1] (document doc-0)\n${paragraph}`);
    const result = assembleContext(hits, one * 3 + 5, counter);
    expect(result.sources).toHaveLength(3);
    expect(result.contextTokens).toBeLessThanOrEqual(one * 3 + 5);
    expect(result.contextTokens).toBe(counter.count(result.context));

    // A short later hit does not jump the queue past a longer better one that did not fit.
    const mixed = assembleContext(
      [hit('long', 0, paragraph), hit('short', 0, 'tiny')],
      20,
      counter,
    );
    expect(mixed.sources).toEqual([]);
    expect(mixed.context).toBe('');
  });
});
