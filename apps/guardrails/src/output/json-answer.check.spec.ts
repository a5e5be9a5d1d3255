import { checkJsonAnswer } from './json-answer.check';

const citySchema = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'city',
    schema: {
      type: 'object',
      properties: { name: { type: 'string' }, population: { type: 'integer', minimum: 0 } },
      required: ['name', 'population'],
      additionalProperties: false,
    },
  },
};

describe('checkJsonAnswer', () => {
  it('has nothing to say without a JSON response format', () => {
    expect(checkJsonAnswer('plain words', null)).toEqual([]);
    expect(checkJsonAnswer('plain words', { type: 'text' })).toEqual([]);
  });

  it('wants an object for json_object', () => {
    expect(checkJsonAnswer('{"a":1}', { type: 'json_object' })).toEqual([]);
    expect(checkJsonAnswer('[1,2]', { type: 'json_object' })[0].kind).toBe('invalid_json');
    expect(checkJsonAnswer('{"a":', { type: 'json_object' })[0].kind).toBe('invalid_json');
  });

  it('validates against the schema and explains the first problems', () => {
    expect(checkJsonAnswer('{"name":"Oslo","population":709037}', citySchema)).toEqual([]);
    const [finding] = checkJsonAnswer('{"name":"Oslo","population":-1,"x":1}', citySchema);
    expect(finding.kind).toBe('schema_mismatch');
    expect(finding.reason).toMatch(/population must be >= 0|additional properties/);
  });

  it('reports a schema that does not compile instead of throwing', () => {
    const broken = {
      type: 'json_schema' as const,
      json_schema: { name: 'x', schema: { type: 'nonsense' } },
    };
    expect(checkJsonAnswer('{}', broken)[0].kind).toBe('invalid_schema');
  });
});
