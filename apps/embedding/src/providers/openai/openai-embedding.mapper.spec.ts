import { packVector, unpackVector } from '@conduit/contracts';
import type { EmbeddingCall } from '../embedding-provider';
import { toEmbeddingRequest, toPackedVectors } from './openai-embedding.mapper';

const call: EmbeddingCall = {
  upstreamModel: 'text-embedding-3-small',
  texts: ['a', 'b'],
  dimensions: null,
  expectedDimensions: 3,
};

// A recorded-shape response (OpenAI's field order), shortened to 3 dimensions.
const floatResponse = {
  object: 'list',
  data: [
    { object: 'embedding', index: 0, embedding: [0.6, 0.8, 0] },
    { object: 'embedding', index: 1, embedding: [0, 0.6, -0.8] },
  ],
  model: 'text-embedding-3-small',
  usage: { prompt_tokens: 2, total_tokens: 2 },
};

describe('openai embedding mapper', () => {
  it('asks for the encoding explicitly and for dimensions only when wanted', () => {
    expect(toEmbeddingRequest(call, 'base64')).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'base64',
    });
    expect(toEmbeddingRequest({ ...call, dimensions: 3 }, 'float')).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
      dimensions: 3,
    });
  });

  it('packs float answers, as float32', () => {
    const packed = toPackedVectors(floatResponse, call, 'openai');
    expect(packed).toEqual([packVector([0.6, 0.8, 0]), packVector([0, 0.6, -0.8])]);
    expect(unpackVector(packed[0])[0]).toBeCloseTo(0.6, 6);
  });

  it('passes base64 answers through, canonically, and orders by index', () => {
    const b64 = (values: number[]) => packVector(values);
    const response = {
      data: [
        { index: 1, embedding: b64([0, 0.6, -0.8]) },
        { index: 0, embedding: b64([0.6, 0.8, 0]).replace(/=+$/, '') },
      ],
    };
    expect(toPackedVectors(response, call, 'openai')).toEqual([
      b64([0.6, 0.8, 0]),
      b64([0, 0.6, -0.8]),
    ]);
  });

  it.each([
    ['no data', {}, 'the response has no data array'],
    ['too few', { data: [floatResponse.data[0]] }, 'asked for 2 embeddings, got 1'],
    [
      'a repeated index',
      { data: [floatResponse.data[0], floatResponse.data[0]] },
      'embedding index 0 is missing or repeated',
    ],
    [
      'the wrong length',
      { data: [{ index: 0, embedding: [1, 0] }, floatResponse.data[1]] },
      'returned 2-dimensional vectors where 3 were expected',
    ],
    [
      'non-numbers',
      { data: [{ index: 0, embedding: [1, null, 0] }, floatResponse.data[1]] },
      'other than finite numbers',
    ],
    [
      'base64 of the wrong length',
      { data: [{ index: 0, embedding: packVector([1, 0]) }, floatResponse.data[1]] },
      'returned 2-dimensional vectors',
    ],
  ])('refuses %s as a bad provider response', (_case, response, problem) => {
    expect(() => toPackedVectors(response, call, 'vllm')).toThrow(problem);
    expect(() => toPackedVectors(response, call, 'vllm')).toThrow(
      expect.objectContaining({ type: 'provider_error', code: 'provider_bad_response' }) as Error,
    );
  });
});
