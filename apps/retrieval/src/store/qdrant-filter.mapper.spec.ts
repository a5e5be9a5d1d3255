import { parseMetadataFilter } from './metadata-filter';
import { metadataFilterSql } from './metadata-filter.sql';
import { qdrantFilter } from './qdrant-filter.mapper';
import { VectorStoreInputError } from './vector-store-input.error';

describe('metadata filters', () => {
  const clauses = parseMetadataFilter({
    lang: 'en',
    page: 3,
    score: 0.5,
    draft: false,
    tag: { in: ['a', 'b'] },
    year: { in: [2023, 2024] },
    mixed: { in: ['5', 5.5] },
    size: { gte: 1, lte: 10 },
  });

  it('become Qdrant conditions, always behind the tenant condition', () => {
    expect(qdrantFilter('t1', clauses, 'doc')).toEqual({
      must: [
        { key: 'tenant_id', match: { value: 't1' } },
        { key: 'document_id', match: { value: 'doc' } },
        { key: 'metadata.lang', match: { value: 'en' } },
        { key: 'metadata.page', match: { value: 3 } },
        { key: 'metadata.score', range: { gte: 0.5, lte: 0.5 } },
        { key: 'metadata.draft', match: { value: false } },
        { key: 'metadata.tag', match: { any: ['a', 'b'] } },
        { key: 'metadata.year', match: { any: [2023, 2024] } },
        {
          should: [
            { key: 'metadata.mixed', match: { value: '5' } },
            { key: 'metadata.mixed', range: { gte: 5.5, lte: 5.5 } },
          ],
        },
        { key: 'metadata.size', range: { gte: 1, lte: 10 } },
      ],
    });
  });

  it('become parameterised SQL: no key or value in the SQL text', () => {
    const params: unknown[] = ['vector', 'tenant'];
    // Keys are validated too, but the SQL would be safe even for one that was not.
    const sql = metadataFilterSql(
      [
        { kind: 'equals', key: "it's", value: "x'); DROP TABLE t; --" },
        { kind: 'in', key: 'k', values: ['a', 1] },
        { kind: 'range', key: 'n', gte: 1 },
      ],
      params,
    );
    expect(sql).toEqual([
      '(metadata -> $3::text) = $4::jsonb',
      '$6::jsonb @> (metadata -> $5::text)',
      "(CASE WHEN jsonb_typeof((metadata -> $7::text)) = 'number' THEN ((metadata -> $7::text) #>> '{}')::float8 END) >= $8::float8",
    ]);
    expect(params.slice(2)).toEqual([
      "it's",
      JSON.stringify("x'); DROP TABLE t; --"),
      'k',
      '["a",1]',
      'n',
      1,
    ]);
  });

  it.each([
    [{ 'a.b': 'x' }],
    [{ k: { in: [] } }],
    [{ k: { in: [true] } }],
    [{ k: {} }],
    [{ k: { gte: '1' } }],
    [{ k: { gte: 1, lt: 2 } }],
    [{ k: Number.NaN }],
    [{ k: null }],
  ])('rejects %j', (filter) => {
    expect(() => parseMetadataFilter(filter as never)).toThrow(VectorStoreInputError);
  });
});
