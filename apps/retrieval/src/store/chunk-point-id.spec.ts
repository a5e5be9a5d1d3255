import { chunkPointId } from './chunk-point-id';
import { uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('chunkPointId', () => {
  it('is a stable version-5 UUID', () => {
    const id = chunkPointId('tenant', 'docs', 'doc-1', 3);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(chunkPointId('tenant', 'docs', 'doc-1', 3)).toBe(id);
  });

  it('differs whenever any part differs, separators included', () => {
    const ids = new Set([
      chunkPointId('t', 'c', 'd', 0),
      chunkPointId('t2', 'c', 'd', 0),
      chunkPointId('t', 'c2', 'd', 0),
      chunkPointId('t', 'c', 'd2', 0),
      chunkPointId('t', 'c', 'd', 1),
      chunkPointId('a:b', 'c', 'd', 0),
      chunkPointId('a', 'b:c', 'd', 0),
    ]);
    expect(ids.size).toBe(7);
  });
});
