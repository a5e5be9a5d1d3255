import { packVector, unpackVector } from '@conduit/contracts';
import {
  decodeCachedVector,
  encodeCachedVector,
  encodedLength,
  VECTOR_FORMAT_V1,
} from './vector-cache-codec';

const floats = [0.25, -1, 3.4028234663852886e38, 1.1754943508222875e-38, 0, -0, 0.1];
const cached = { vector: packVector(floats), tokens: 42 };

describe('vector cache codec', () => {
  it('stores float32 little-endian bytes behind a 5-byte header, and reads them back bit for bit', () => {
    const bytes = encodeCachedVector(cached, floats.length);
    expect(bytes).not.toBeNull();
    expect(bytes).toHaveLength(encodedLength(floats.length));
    expect(bytes).toHaveLength(5 + 4 * floats.length);
    expect(bytes![0]).toBe(VECTOR_FORMAT_V1);
    expect(bytes!.readUInt32LE(1)).toBe(42);
    expect(bytes!.readFloatLE(5)).toBe(0.25);
    expect(bytes!.readFloatLE(9)).toBe(-1);
    const decoded = decodeCachedVector(bytes!, floats.length);
    expect(decoded).toEqual(cached);
    expect(Object.is(unpackVector(decoded!.vector)[5], -0)).toBe(true);
    expect(unpackVector(decoded!.vector)[6]).toBe(Math.fround(0.1));
  });

  it('round-trips a 1-float and a 4096-float vector, and a count of 0 and 2^32-1 tokens', () => {
    for (const [dimensions, tokens] of [
      [1, 0],
      [4096, 0xffff_ffff],
    ]) {
      const vector = packVector(Array.from({ length: dimensions }, (_, i) => Math.sin(i)));
      const bytes = encodeCachedVector({ vector, tokens }, dimensions)!;
      expect(decodeCachedVector(bytes, dimensions)).toEqual({ vector, tokens });
    }
  });

  it('stores nothing for a vector of another length or a token count that is not a uint32', () => {
    expect(encodeCachedVector(cached, floats.length + 1)).toBeNull();
    expect(encodeCachedVector({ vector: '', tokens: 1 }, 1)).toBeNull();
    for (const tokens of [-1, 1.5, 2 ** 32, Number.NaN]) {
      expect(encodeCachedVector({ ...cached, tokens }, floats.length)).toBeNull();
    }
  });

  describe('refuses a corrupt value (null: a miss, re-embedded and overwritten)', () => {
    const good = encodeCachedVector(cached, floats.length)!;
    const withFloat = (value: number) => {
      const bytes = Buffer.from(good);
      bytes.writeFloatLE(value, 5 + 4);
      return bytes;
    };
    it.each<[string, Buffer]>([
      ['empty', Buffer.alloc(0)],
      ['truncated', good.subarray(0, good.length - 1)],
      ['one float short', good.subarray(0, good.length - 4)],
      ['one float long', Buffer.concat([good, Buffer.alloc(4)])],
      ['headerless (the bare floats)', Buffer.from(cached.vector, 'base64')],
      ['another format', Buffer.concat([Buffer.from([2]), good.subarray(1)])],
      ['base64 text, not bytes', Buffer.from(cached.vector)],
      ['JSON', Buffer.from(JSON.stringify({ ...cached, v: 1 }))],
      ['a NaN', withFloat(Number.NaN)],
      ['an infinity', withFloat(Number.NEGATIVE_INFINITY)],
    ])('%s', (_, bytes) => {
      expect(decodeCachedVector(bytes, floats.length)).toBeNull();
    });

    it('written for another length', () => {
      const short = encodeCachedVector({ vector: packVector([1, 2]), tokens: 1 }, 2)!;
      expect(decodeCachedVector(short, 3)).toBeNull();
      expect(decodeCachedVector(good, floats.length - 1)).toBeNull();
    });
  });
});
