// Deterministic pseudo-English for the retrieval bench: documents to ingest, queries to
// search with, texts to embed. Seeded, so every run ingests the very same corpus; drawn from
// a few hundred common words, so documents share vocabulary with queries (the local embedder
// hashes words and n-grams: a query finds documents that use its words) and each text is
// distinct, so the embedding cache serves only what a run asks for twice on purpose.

const WORDS = `
the of and to in is was for on that with as by at from it an be this which or are have
had not but were they all one has their more been when there would who will out so about
can if what time only other new some could these two may first then do any like into
than years way most people its made over did after many before must through back where
much your well should down year also work state three because good world still such
system between own program under last high life very city day might general same just
part number public long house group during since high order water side land against
development small power end area field case both family local report action large
country market question rate change level data hand line form light paper energy river
ocean forest mountain valley island harbor bridge tower garden library museum station
engine signal network server storage memory cluster thread socket packet protocol
gateway budget ledger invoice payment customer supplier contract policy review audit
policy metric latency throughput capacity shard replica index vector search query
result answer source document chapter section paragraph sentence letter number table
column row record schema migration version release feature module service client
request response error timeout retry backoff circuit breaker queue stream event batch
cache token model prompt context window embedding cosine distance neighbor graph layer
weight bias gradient sample dataset label class score threshold filter tenant team key
winter spring summer autumn morning evening night weather storm cloud rain snow wind
north south east west coast border region village town capital province nation empire
history culture language music painting theatre novel poem story author reader teacher
student school college lesson lecture course exam grade science physics chemistry
biology geology astronomy planet star galaxy comet orbit telescope rocket satellite
doctor nurse patient hospital clinic medicine therapy vaccine virus cell protein gene
farmer harvest wheat barley orchard apple grape olive bread cheese butter honey salt
copper iron steel silver gold marble granite timber cotton wool silk leather glass
ship sail anchor crew captain voyage map compass journey road railway airport ticket
market price trade export import tariff currency bank loan interest saving credit debt
quickly slowly carefully rarely often always never sometimes together apart early late
bright dark warm cold quiet loud ancient modern simple complex hidden open narrow wide
builds measures explains describes compares improves reduces increases protects stores
carries follows supports connects divides collects shows reveals keeps finds changes
`
  .split(/\s+/)
  .filter((word) => word !== '');

/** mulberry32: a tiny, fast, seedable PRNG; good enough to pick words. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random) => WORDS[Math.floor(random() * WORDS.length)];
const between = (random, min, max) => min + Math.floor(random() * (max - min + 1));

/** Sentences of 6-16 words, capitalised and full-stopped, until `words` words are used. */
export function pseudoText(random, words) {
  const sentences = [];
  let left = words;
  while (left > 0) {
    const length = Math.min(left, between(random, 6, 16));
    const sentence = Array.from({ length }, () => pick(random));
    sentence[0] = sentence[0][0].toUpperCase() + sentence[0].slice(1);
    sentences.push(`${sentence.join(' ')}.`);
    left -= length;
  }
  return sentences.join(' ');
}

/**
 * `count` documents of 90-150 words each (about 100-200 o200k tokens: one chunk each at the
 * retrieval service's default of 256 tokens), in batches for `POST …/documents`.
 */
export function* documentBatches({ count, batchSize, seed = 6 }) {
  const random = seededRandom(seed);
  for (let start = 0; start < count; start += batchSize) {
    const documents = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      documents.push({
        id: `doc-${String(i).padStart(6, '0')}`,
        text: pseudoText(random, between(random, 90, 150)),
        metadata: { shard: i % 16, source: 'bench' },
      });
    }
    yield documents;
  }
}

/** Search queries of 4-10 words; a different seed from the documents, each one distinct. */
export function queries(count, seed = 66) {
  const random = seededRandom(seed);
  return Array.from(
    { length: count },
    (_, i) => `${pseudoText(random, between(random, 4, 10))} ${i}`,
  );
}

/**
 * Texts for `POST /v1/embeddings`: `next()` returns `size` texts of 25-50 words never returned
 * before (a counter makes each one unique even if the words repeat), so the embedding
 * service's cache cannot answer them.
 */
export function freshTexts(size, seed = 666) {
  const random = seededRandom(seed);
  let counter = 0;
  return () =>
    Array.from(
      { length: size },
      () => `${pseudoText(random, between(random, 25, 50))} #${counter++}`,
    );
}

/** Random unit vectors (uniform on the sphere), for the in-process store measurement. */
export function unitVector(random, dimensions) {
  const vector = new Array(dimensions);
  let squares = 0;
  for (let i = 0; i < dimensions; i++) {
    // Box-Muller: a normal deviate per coordinate makes the direction uniform.
    const value = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    vector[i] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares);
  for (let i = 0; i < dimensions; i++) vector[i] /= norm;
  return vector;
}
