import { ValidationError } from '@conduit/contracts';
import { z } from 'zod';
import { parseInput } from './parse-input';
import { inPathParameter } from './path-parameter-error';

const IdSchema = z.string().regex(/^key_[0-9a-f]{4}$/, 'must be a key id');

function refusal(schema: z.ZodType, input: unknown): unknown {
  try {
    parseInput(schema, input);
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('inPathParameter', () => {
  it('names the path parameter a refused value came from and says it is in the path', () => {
    const error = inPathParameter(refusal(IdSchema, 'nope'), { name: 'ok', id: 'nope' });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      param: 'id',
      code: 'invalid_value',
      message: "Invalid value for 'id' in the request path: must be a key id",
    });
  });

  it('leaves a refused value that is no path parameter a body error', () => {
    const error = inPathParameter(refusal(IdSchema, 'nope'), {});
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param: null });
    expect((error as ValidationError).message).toMatch(/request body/);
  });

  it('leaves body and query errors alone', () => {
    const bodyError = refusal(z.strictObject({ id: IdSchema }), { id: 'nope' });
    expect(inPathParameter(bodyError, { id: 'nope' })).toBe(bodyError);
    const other = new Error('boom');
    expect(inPathParameter(other, { id: 'boom' })).toBe(other);
  });
});
