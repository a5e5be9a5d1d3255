import type { CachedVector } from './vector-cache';

/** First byte of every stored value; a value of another format is never read as a vector. */
export const VECTOR_FORMAT_V1 = 1;
/** Format byte, then the text's token count (uint32 LE), then the floats (float32 LE). */
const HEADER_BYTES = 5;
const MAX_TOKENS = 0xffff_ffff;

/** The bytes a vector of `dimensions` floats is stored as. */
export function encodedLength(dimensions: number): number {
  return HEADER_BYTES + 4 * dimensions;
}

/**
 * A cached vector as compact bytes: the float32 bytes the reply carries (a quarter of JSON,
 * three quarters of base64) behind a 5-byte header. Null for a vector that is not `dimensions`
 * floats or a token count that is not a uint32: such a value is not stored.
 */
export function encodeCachedVector(value: CachedVector, dimensions: number): Buffer | null {
  const floats = Buffer.from(value.vector, 'base64');
  if (floats.length !== 4 * dimensions) return null;
  if (!Number.isInteger(value.tokens) || value.tokens < 0 || value.tokens > MAX_TOKENS) return null;
  const bytes = Buffer.allocUnsafe(encodedLength(dimensions));
  bytes.writeUInt8(VECTOR_FORMAT_V1, 0);
  bytes.writeUInt32LE(value.tokens, 1);
  floats.copy(bytes, HEADER_BYTES);
  return bytes;
}

/**
 * The inverse of `encodeCachedVector`, or null when `bytes` cannot be such a vector: another
 * format, a length other than `dimensions` floats (truncated, or written for another length),
 * or a float that is NaN or infinite (no embedding has one).
 */
export function decodeCachedVector(bytes: Buffer, dimensions: number): CachedVector | null {
  if (bytes.length !== encodedLength(dimensions)) return null;
  if (bytes.readUInt8(0) !== VECTOR_FORMAT_V1) return null;
  for (let offset = HEADER_BYTES; offset < bytes.length; offset += 4) {
    if (!Number.isFinite(bytes.readFloatLE(offset))) return null;
  }
  return {
    vector: bytes.subarray(HEADER_BYTES).toString('base64'),
    tokens: bytes.readUInt32LE(1),
  };
}
