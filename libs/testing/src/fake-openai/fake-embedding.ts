import { createHash } from 'node:crypto';

/**
 * A deterministic unit vector for an input: a PRNG seeded by SHA-256 of model and input draws
 * the model's full-length vector; a shorter `dimensions` keeps its first components and
 * renormalises, as OpenAI's shortened text-embedding-3 vectors do. Values are float32 (what
 * OpenAI computes in and what base64 carries), so `float` and `base64` answers agree exactly.
 */
export function fakeEmbedding(
  model: string,
  input: string | readonly number[],
  fullDimensions: number,
  dimensions: number,
): Float32Array {
  const seedText = typeof input === 'string' ? `s:${input}` : `t:${input.join(',')}`;
  const seed = createHash('sha256').update(model).update('\0').update(seedText).digest();
  const next = xorshift128(seed);
  const full = new Float64Array(fullDimensions);
  for (let i = 0; i < fullDimensions; i++) full[i] = next() * 2 - 1;
  let squares = 0;
  for (let i = 0; i < dimensions; i++) squares += full[i] * full[i];
  const norm = Math.sqrt(squares) || 1;
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) vector[i] = full[i] / norm;
  return vector;
}

/** xorshift128 over the first 16 bytes of `seed`: uniform floats in [0, 1). */
function xorshift128(seed: Buffer): () => number {
  let [x, y, z, w] = [0, 4, 8, 12].map((offset) => seed.readUInt32LE(offset) | 0);
  if ((x | y | z | w) === 0) x = 1;
  return () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) | 0;
    return (w >>> 0) / 4_294_967_296;
  };
}
