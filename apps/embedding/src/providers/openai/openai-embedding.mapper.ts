import { packVector, ProviderError } from '@conduit/contracts';
import type OpenAI from 'openai';
import type { EmbeddingCall } from '../embedding-provider';

/** The body of `POST /embeddings` for one call. */
export function toEmbeddingRequest(
  call: EmbeddingCall,
  encoding: 'base64' | 'float',
): OpenAI.EmbeddingCreateParams {
  return {
    model: call.upstreamModel,
    input: [...call.texts],
    // Always explicit: the SDK then returns the body as sent, and we decode it ourselves.
    encoding_format: encoding,
    // Only when asked: servers without shortened embeddings refuse the parameter outright.
    ...(call.dimensions === null ? {} : { dimensions: call.dimensions }),
  };
}

/**
 * The vectors of an embeddings response, packed, in input order. Servers differ in what they
 * send back (base64 though floats were asked, or the reverse; entries out of order), so both
 * encodings are accepted and `index` decides the order. A wrong count or length is the
 * provider's fault and fails the call: handing a caller a vector of the wrong size would
 * corrupt its vector store silently.
 */
export function toPackedVectors(raw: unknown, call: EmbeddingCall, provider: string): string[] {
  const data = (raw as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw badResponse(provider, 'the response has no data array');
  if (data.length !== call.texts.length) {
    throw badResponse(provider, `asked for ${call.texts.length} embeddings, got ${data.length}`);
  }
  const packed = new Array<string | undefined>(data.length);
  data.forEach((item: unknown, position) => {
    const entry = item as { index?: unknown; embedding?: unknown } | null;
    const index = typeof entry?.index === 'number' ? entry.index : position;
    if (!Number.isInteger(index) || index < 0 || index >= data.length || packed[index]) {
      throw badResponse(provider, `embedding index ${String(entry?.index)} is missing or repeated`);
    }
    packed[index] = packEmbedding(entry?.embedding, call.expectedDimensions, provider);
  });
  return packed as string[];
}

function packEmbedding(embedding: unknown, dimensions: number, provider: string): string {
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    checkLength(bytes.byteLength / 4, dimensions, provider);
    // Re-encoded so what we cache and pass on is canonical base64, whatever the server wrote.
    return bytes.toString('base64');
  }
  if (Array.isArray(embedding)) {
    checkLength(embedding.length, dimensions, provider);
    if (!embedding.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw badResponse(provider, 'an embedding holds something other than finite numbers');
    }
    return packVector(embedding as number[]);
  }
  throw badResponse(provider, 'an embedding is neither base64 nor a list of numbers');
}

function checkLength(actual: number, expected: number, provider: string): void {
  if (actual === expected) return;
  throw badResponse(
    provider,
    `returned ${actual}-dimensional vectors where ${expected} were expected; if the model's size is configured wrong, fix its "dimensions" in OPENAI_EMBEDDING_MODEL_PRICES`,
  );
}

function badResponse(provider: string, problem: string): ProviderError {
  return new ProviderError(`The ${provider} embedding provider answered wrongly: ${problem}.`, {
    code: 'provider_bad_response',
    details: { provider },
  });
}
