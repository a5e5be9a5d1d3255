import { LocalEmbedder } from './local-embedder';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

describe('LocalEmbedder', () => {
  const embedder = new LocalEmbedder();

  it('defaults to 384 dimensions and honours any size from 1 to 4096', () => {
    expect(embedder.dimensions).toBe(384);
    expect(embedder.embed(['hello'])[0]).toHaveLength(384);
    for (const dimensions of [1, 7, 1536, 4096]) {
      const [vector] = new LocalEmbedder(dimensions).embed(['hello world']);
      expect(vector).toHaveLength(dimensions);
      expect(norm(vector)).toBeCloseTo(1, 10);
    }
  });

  it.each([0, -1, 4097, 1.5, Number.NaN])('rejects %p dimensions', (dimensions) => {
    expect(() => new LocalEmbedder(dimensions)).toThrow(
      /dimensions must be an integer from 1 to 4096/,
    );
  });

  it('is deterministic across calls and instances', () => {
    const texts = ['Tenant isolation matters.', 'Ünïcödé 漢字 👍🏽', 'x'];
    expect(new LocalEmbedder().embed(texts)).toEqual(embedder.embed(texts));
    expect(embedder.embed(texts)).toEqual(embedder.embed(texts));
  });

  it('keeps a fixed fingerprint, since stored vectors must stay comparable across releases', () => {
    const [vector] = new LocalEmbedder(8).embed(['The quick brown fox']);
    expect(vector.map((v) => Math.round(v * 1e6) / 1e6)).toMatchSnapshot();
  });

  it('returns unit vectors, and the zero vector only for blank text', () => {
    const vectors = embedder.embed(['a', 'The cat sat.', '!!!', '漢字', '🙂', '', '  \n\t ']);
    for (const vector of vectors.slice(0, 5)) expect(norm(vector)).toBeCloseTo(1, 10);
    expect(vectors[5].every((v) => v === 0)).toBe(true);
    expect(vectors[6].every((v) => v === 0)).toBe(true);
  });

  it('ignores case and compatibility forms (NFKC)', () => {
    const [a, b, c] = embedder.embed(['Café ﬁle', 'CAFÉ file', 'Cafe\u0301 file']);
    expect(cosine(a, b)).toBeCloseTo(1, 10);
    expect(cosine(a, c)).toBeCloseTo(1, 10);
  });

  it('puts similar texts closer than unrelated ones', () => {
    const [query, near, far] = embedder.embed([
      'How do I rotate my API key?',
      'Rotating API keys: create a new key, then revoke the old one.',
      'The recipe needs two eggs, flour and a pinch of salt.',
    ]);
    expect(cosine(query, near)).toBeGreaterThan(cosine(query, far) + 0.1);
  });

  it('matches inflected forms through character n-grams', () => {
    const [query, inflected, other] = embedder.embed([
      'embedding',
      'embeddings embedded',
      'gardening',
    ]);
    expect(cosine(query, inflected)).toBeGreaterThan(cosine(query, other));
    expect(cosine(query, inflected)).toBeGreaterThan(0.3);
  });

  it('lets content words outweigh stop words', () => {
    const [query, sameTopic, sameGlue] = embedder.embed([
      'the history of the roman empire',
      'roman empire history',
      'the history of the the of the',
    ]);
    expect(cosine(query, sameTopic)).toBeGreaterThan(cosine(query, sameGlue));
    const [de, deTopic, deGlue] = embedder.embed([
      'die Geschichte der Stadt und das Rathaus',
      'Rathaus Stadt Geschichte',
      'die der und das die der und',
    ]);
    expect(cosine(de, deTopic)).toBeGreaterThan(cosine(de, deGlue));
  });

  it('retrieves documents by shared vocabulary', () => {
    const documents = [
      'Budgets are reserved before the provider call and settled afterwards.',
      'Qdrant stores vectors; each search filters on the tenant id.',
      'Rate limits count requests and tokens per minute in Redis.',
      'Guardrails scan prompts for injection attempts and secrets.',
      'Retention deletes request logs after the configured number of days.',
      '検索拡張生成は文書を段落に分割して埋め込みます。',
    ];
    const queries: Array<[string, number]> = [
      ['how are budgets settled after the provider call', 0],
      ['vector search filtered by tenant', 1],
      ['requests per minute rate limit', 2],
      ['prompt injection scanning', 3],
      ['when are request logs deleted', 4],
      ['文書を段落に分割', 5],
    ];
    const docVectors = embedder.embed(documents);
    const queryVectors = embedder.embed(queries.map(([query]) => query));
    queries.forEach(([, expected], q) => {
      const scores = docVectors.map((doc) => cosine(queryVectors[q], doc));
      expect(scores.indexOf(Math.max(...scores))).toBe(expected);
    });
  });

  it('embeds 1000 short texts well under a second', () => {
    const texts = Array.from(
      { length: 1000 },
      (_, i) =>
        `Document ${i} talks about tenants, vectors, budgets and retrieval number ${i * 7}.`,
    );
    const started = performance.now();
    const vectors = embedder.embed(texts);
    const elapsed = performance.now() - started;
    expect(vectors).toHaveLength(1000);
    expect(elapsed).toBeLessThan(500);
  });
});
