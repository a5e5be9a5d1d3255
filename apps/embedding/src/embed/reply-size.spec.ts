import { packVector } from '@conduit/contracts';
import { assertReplyFits, packedVectorBytes } from './reply-size';

describe('reply size', () => {
  it('counts a vector as its base64 in quotes with a comma', () => {
    for (const dimensions of [1, 2, 3, 384, 1536, 3072]) {
      const packed = packVector(new Array<number>(dimensions).fill(0.5));
      expect(packedVectorBytes(dimensions)).toBe(packed.length + 3);
    }
  });

  it('lets through what fits in max_payload and refuses the rest, saying how many would fit', () => {
    const megabyte = 1024 * 1024;
    expect(() => assertReplyFits(32, 3072, megabyte)).not.toThrow();
    expect(() => assertReplyFits(256, 384, megabyte)).not.toThrow();
    expect(() => assertReplyFits(256, 1536, megabyte)).toThrow(
      expect.objectContaining({ code: 'reply_too_large', param: 'texts' }) as Error,
    );
    expect(() => assertReplyFits(256, 1536, megabyte)).toThrow('send at most 127 texts');
    expect(() => assertReplyFits(256, 1536, undefined)).not.toThrow();
  });
});
