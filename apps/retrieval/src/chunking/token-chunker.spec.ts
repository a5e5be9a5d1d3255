import { o200k } from '@conduit/tokens';
import { chunkText, type TextChunk } from './token-chunker';

// The system's one token count: exact for ordinary text, bounded (pieces) for long runs.
const tokensOf = (text: string) => o200k.count(text);

/** Grapheme boundaries by the book, for texts small enough for Intl.Segmenter. */
function graphemeBoundaries(text: string): Set<number> {
  const cuts = new Set<number>([text.length]);
  for (const { index } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    cuts.add(index);
  }
  return cuts;
}

function isOneGrapheme(text: string): boolean {
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length === 1;
}

function expectWellFormed(text: string, chunks: TextChunk[], maxTokens: number): void {
  chunks.forEach((chunk, i) => {
    expect(chunk.index).toBe(i);
    expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
    expect(chunk.text.trim()).not.toBe('');
    expect(chunk.tokenCount).toBe(tokensOf(chunk.text));
    // The one allowed excess: a single grapheme dearer than the whole budget (an 11-token emoji).
    if (!isOneGrapheme(chunk.text)) expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
    if (i > 0) expect(chunk.start).toBeGreaterThan(chunks[i - 1].start);
    if (i > 0) expect(chunk.end).toBeGreaterThan(chunks[i - 1].end);
  });
}

/** Every non-whitespace character lies in some chunk. */
function expectCovers(text: string, chunks: TextChunk[]): void {
  let covered = 0;
  for (const chunk of chunks) {
    expect(text.slice(covered, chunk.start).trim()).toBe('');
    covered = Math.max(covered, chunk.end);
  }
  expect(text.slice(covered).trim()).toBe('');
}

const WORDS = (
  'the quick brown fox jumps over a lazy dog while retrieval systems split long documents ' +
  'into passages that embed well and cite cleanly tenants never share vectors'
).split(' ');

function prose(sentences: number, seed = 1): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const length = 6 + (next() % 12);
    const words = Array.from({ length }, () => WORDS[next() % WORDS.length]);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    out.push(`${words.join(' ')}.`);
  }
  return out.join(' ');
}

describe('chunkText', () => {
  it('rejects options that cannot work', () => {
    expect(() => chunkText('x', { maxTokens: 0, overlapTokens: 0 })).toThrow(/maxTokens/);
    expect(() => chunkText('x', { maxTokens: 1.5, overlapTokens: 0 })).toThrow(/maxTokens/);
    expect(() => chunkText('x', { maxTokens: 10, overlapTokens: -1 })).toThrow(/overlapTokens/);
    expect(() => chunkText('x', { maxTokens: 10, overlapTokens: 10 })).toThrow(
      'chunkText: overlapTokens (10) must be less than maxTokens (10)',
    );
  });

  it('returns nothing for empty or whitespace-only text', () => {
    expect(chunkText('', { maxTokens: 10, overlapTokens: 2 })).toEqual([]);
    expect(chunkText(' \n\t\r\n \u00a0 ', { maxTokens: 10, overlapTokens: 2 })).toEqual([]);
  });

  it('keeps a short text as one chunk without its surrounding whitespace', () => {
    const text = '\n\n  Hello, world. Second sentence!  \n';
    const chunks = chunkText(text, { maxTokens: 100, overlapTokens: 10 });
    expect(chunks).toEqual([
      {
        index: 0,
        text: 'Hello, world. Second sentence!',
        start: 4,
        end: 34,
        tokenCount: tokensOf('Hello, world. Second sentence!'),
      },
    ]);
  });

  it.each([
    [16, 0],
    [64, 8],
    [200, 40],
    [512, 100],
  ])(
    'keeps every chunk within %i tokens (overlap %i) and covers the text',
    (maxTokens, overlap) => {
      const text = prose(300);
      const chunks = chunkText(text, { maxTokens, overlapTokens: overlap });
      expect(chunks.length).toBeGreaterThan(1);
      expectWellFormed(text, chunks, maxTokens);
      expectCovers(text, chunks);
      // Cuts land on whole words: a chunk never starts or ends inside one.
      for (const { start, end } of chunks) {
        expect(/\S/.test(text[start - 1] ?? ' ') && /\S/.test(text[start])).toBe(false);
        expect(/\S/.test(text[end] ?? ' ') && /\S/.test(text[end - 1])).toBe(false);
      }
    },
  );

  it('fills chunks reasonably rather than cutting tiny pieces', () => {
    const chunks = chunkText(prose(400), { maxTokens: 200, overlapTokens: 20 });
    const inner = chunks.slice(0, -1);
    const average = inner.reduce((sum, c) => sum + c.tokenCount, 0) / inner.length;
    expect(average).toBeGreaterThan(120);
  });

  it('repeats about overlapTokens of the previous chunk at the start of the next', () => {
    const text = prose(200);
    const overlapTokens = 20;
    const chunks = chunkText(text, { maxTokens: 120, overlapTokens });
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1];
      const current = chunks[i];
      expect(current.start).toBeLessThan(previous.end);
      const shared = text.slice(current.start, previous.end);
      expect(previous.text.endsWith(shared)).toBe(true);
      expect(current.text.startsWith(shared)).toBe(true);
      const sharedTokens = tokensOf(shared);
      expect(sharedTokens).toBeGreaterThanOrEqual(overlapTokens / 2);
      expect(sharedTokens).toBeLessThanOrEqual(overlapTokens + 2);
    }
  });

  it('does not overlap when overlapTokens is 0', () => {
    const text = prose(100);
    const chunks = chunkText(text, { maxTokens: 50, overlapTokens: 0 });
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i].start).toBeGreaterThanOrEqual(chunks[i - 1].end);
    }
  });

  it('prefers paragraph ends, then sentence ends, to the last word that fits', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => prose(3, i + 1));
    const text = paragraphs.join('\n\n');
    const chunks = chunkText(text, { maxTokens: 150, overlapTokens: 0 });
    for (const chunk of chunks) {
      expect(text.slice(chunk.end, chunk.end + 2) === '\n\n' || chunk.end === text.length).toBe(
        true,
      );
    }
    const sentences = prose(60);
    for (const chunk of chunkText(sentences, { maxTokens: 80, overlapTokens: 0 })) {
      expect(chunk.text.endsWith('.')).toBe(true);
    }
  });

  it('hard-splits a single word longer than a chunk', () => {
    let state = 7;
    const word = Array.from({ length: 6000 }, () =>
      String.fromCharCode(97 + ((state = (state * 48271) % 2147483647) % 26)),
    ).join('');
    const text = `intro ${word} outro`;
    const chunks = chunkText(text, { maxTokens: 50, overlapTokens: 0 });
    expectWellFormed(text, chunks, 50);
    expectCovers(text, chunks);
    expect(
      chunks
        .map((c) => c.text)
        .join('')
        .replace(/ /g, ''),
    ).toBe(text.replace(/ /g, ''));
    expect(chunks.length).toBeGreaterThan(6000 / (50 * 8));
  });

  describe('unicode', () => {
    const samples: Record<string, string> = {
      cjk: '检索增强生成把文档切成段落。每个段落单独嵌入，然后按相似度检索！租户之间的数据从不混合？'.repeat(
        30,
      ),
      japanese: '日本語の文章は空白を使いません。句読点で区切ります、そして続きます。'.repeat(30),
      emoji: 'Deploy 🚀 done 👍🏽 family 👨‍👩‍👧‍👦 flags 🇫🇷🇩🇪🇯🇵 ok ❤️ '.repeat(40),
      emojiRun: '👍🏽👨‍👩‍👧‍👦🇫🇷🇩🇪❤️'.repeat(200),
      combining:
        'Cafe\u0301 na\u0303o re\u0301sume\u0301 Z\u0351\u0352a\u0353l\u0354g\u0355o '.repeat(60),
      combiningRun: 'e\u0301a\u0300o\u0302u\u0308'.repeat(400),
      rtl: 'مرحبا بالعالم، هذا نص عربي للاختبار. שלום עולם, זה טקסט בעברית. '.repeat(40),
      hangul: '\u1100\u1161\u11a8\u1102\u1165'.repeat(300) + ' 한국어 문장입니다. '.repeat(50),
    };

    it.each(Object.entries(samples))('never cuts a grapheme (%s)', (_name, text) => {
      for (const [maxTokens, overlapTokens] of [
        [8, 2],
        [40, 10],
        [300, 50],
      ]) {
        const chunks = chunkText(text, { maxTokens, overlapTokens });
        expectWellFormed(text, chunks, maxTokens);
        expectCovers(text, chunks);
        const boundaries = graphemeBoundaries(text);
        for (const chunk of chunks) {
          expect(boundaries.has(chunk.start)).toBe(true);
          expect(boundaries.has(chunk.end)).toBe(true);
          // No lone surrogate: the chunk survives a UTF-8 round trip unchanged.
          expect(Buffer.from(chunk.text, 'utf8').toString('utf8')).toBe(chunk.text);
        }
      }
    });

    it('cuts CJK text at its own punctuation', () => {
      const text = samples.cjk;
      const chunks = chunkText(text, { maxTokens: 60, overlapTokens: 0 });
      for (const chunk of chunks.slice(0, -1)) expect(chunk.text).toMatch(/[。！？，]$/);
    });

    it('keeps an emoji larger than a tiny budget whole, as its own chunk', () => {
      const family = '👨‍👩‍👧‍👦';
      expect(tokensOf(family)).toBeGreaterThan(2);
      const chunks = chunkText(`a ${family} b`, { maxTokens: 2, overlapTokens: 0 });
      expect(chunks.map((c) => c.text)).toEqual(['a', family, 'b']);
    });
  });

  it('chunks a megabyte in a few seconds at most', () => {
    const paragraphs: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const paragraph = prose(8, i + 1);
      paragraphs.push(paragraph);
      size += paragraph.length + 2;
    }
    const text = paragraphs.join('\n\n');
    const started = performance.now();
    const chunks = chunkText(text, { maxTokens: 512, overlapTokens: 64 });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(5000);
    expectCovers(text, chunks);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(512);
  });

  it('chunks a megabyte without a single space in a few seconds at most', () => {
    const text = '检索增强生成把文档切成段落每个段落单独嵌入然后按相似度检索'.repeat(35_000);
    const started = performance.now();
    const chunks = chunkText(text, { maxTokens: 512, overlapTokens: 64 });
    expect(performance.now() - started).toBeLessThan(5000);
    expectCovers(text, chunks);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(512);
  });
});
