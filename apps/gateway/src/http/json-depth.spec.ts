import { ValidationError } from '@conduit/contracts';
import { assertJsonDepth } from './json-depth';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

describe('assertJsonDepth', () => {
  it('accepts scalars and bodies at the limit', () => {
    expect(() => assertJsonDepth('text', 1)).not.toThrow();
    expect(() => assertJsonDepth(null, 1)).not.toThrow();
    expect(() => assertJsonDepth(nested(64), 64)).not.toThrow();
  });

  it('refuses one level past the limit with a validation error', () => {
    expect(() => assertJsonDepth(nested(65), 64)).toThrow(ValidationError);
    expect(() => assertJsonDepth(nested(65), 64)).toThrow(/nested too deeply/);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(() => assertJsonDepth(nested(100_000), 64)).toThrow(ValidationError);
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(() => assertJsonDepth({ a: 1, b: [1, 2], c: { d: nested(70) } }, 64)).toThrow(
      ValidationError,
    );
  });
});
