const FNV_OFFSET_BASIS = 0x811c9dc5;

// Multiplications are spelled as shifts and adds: Math.imul is a hundred times slower inside
// jest's VM contexts, and equally fast elsewhere.

/**
 * 32-bit FNV-1a over the UTF-16 code units of `text[from, to)`, continuing from `seed`, so a
 * feature such as a word bigram or a character n-gram is hashed in place, without building
 * its string. For ASCII it equals FNV-1a over the UTF-8 bytes. Stable across runs and
 * platforms: the vectors it produces end up stored in a vector database.
 */
export function fnv1a(text: string, from = 0, to = text.length, seed = FNV_OFFSET_BASIS): number {
  let hash = seed | 0;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    // hash * 16777619 (the FNV prime, 2^24 + 2^8 + 0x93), modulo 2^32.
    hash = (hash + (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24)) | 0;
  }
  return hash >>> 0;
}

/**
 * Bob Jenkins' 32-bit integer hash: spreads every input bit over the output, so a sign drawn
 * from it is independent of the bucket drawn from the raw hash.
 */
export function mix32(hash: number): number {
  let h = hash | 0;
  h = (h + 0x7ed55d16 + (h << 12)) | 0;
  h = h ^ 0xc761c23c ^ (h >>> 19);
  h = (h + 0x165667b1 + (h << 5)) | 0;
  h = ((h + 0xd3a2646c) | 0) ^ (h << 9);
  h = (h + 0xfd7046c5 + (h << 3)) | 0;
  h = h ^ 0xb55a4f09 ^ (h >>> 16);
  return h >>> 0;
}
