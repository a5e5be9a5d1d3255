import type { EmbedResult } from '@conduit/contracts';
import { FakeOpenAIServer, type TestBus } from '@conduit/testing';
import { countTokens as cl100kTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import {
  API_KEY,
  fakeVector,
  fresh,
  SMALL,
  startEmbeddingHarness,
  sum,
  type EmbedCall,
  type EmbeddingHarness,
} from './support/embedding-harness';

describe('embedding service with an OpenAI-compatible provider', () => {
  let harness: EmbeddingHarness;
  let fake: FakeOpenAIServer;
  const embed = (request: EmbedCall, on?: TestBus) => harness.embed(request, on);
  const service = (env?: Record<string, string>) => harness.service(env);

  beforeAll(async () => {
    harness = await startEmbeddingHarness();
    ({ fake } = harness);
  });
  afterEach(() => fake.reset());
  afterAll(() => harness?.close());

  describe('OpenAI-compatible models (against the fake OpenAI)', () => {
    it('embeds through the provider, asking for base64 and passing the bytes through', async () => {
      const texts = fresh(3, 'base64');
      const result = await embed({ model: SMALL, texts });
      expect(result).toMatchObject({ model: SMALL, dimensions: 1536, cachedTexts: 0 });
      expect(result.vectors).toEqual(
        texts.map((text) => fakeVector('text-embedding-3-small', text, 1536)),
      );
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]).toMatchObject({
        path: '/v1/embeddings',
        body: { model: 'text-embedding-3-small', input: texts, encoding_format: 'base64' },
      });
      expect(fake.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(result.charge).toMatchObject({
        provider: 'openai',
        costMicroUsd: Math.ceil((result.inputTokens * 20_000) / 1_000_000),
      });
    });

    it('decodes float answers to the same vectors', async () => {
      const floats = await service({ OPENAI_EMBEDDING_ENCODING: 'float' });
      const texts = fresh(2, 'float');
      const result = await embed({ model: SMALL, texts }, floats);
      expect(fake.requests[0].body).toMatchObject({ encoding_format: 'float' });
      expect(result.vectors).toEqual(
        texts.map((text) => fakeVector('text-embedding-3-small', text, 1536)),
      );
    });

    it('resolves bare names and passes dimensions only to models that shorten', async () => {
      const [text] = fresh(1, 'dims');
      const short = await embed({
        model: 'text-embedding-3-large',
        texts: [text],
        dimensions: 256,
      });
      expect(short).toMatchObject({ model: 'openai/text-embedding-3-large', dimensions: 256 });
      expect(short.vectors[0]).toBe(fakeVector('text-embedding-3-large', text, 3072, 256));
      expect(fake.requests[0].body).toMatchObject({ dimensions: 256 });

      // ada-002 cannot shorten: its own length is fine (and not sent), anything else refused.
      const ada = await embed({ model: 'text-embedding-ada-002', texts: [text], dimensions: 1536 });
      expect(ada.dimensions).toBe(1536);
      expect(fake.requests[1].body).not.toHaveProperty('dimensions');
      await expect(
        embed({ model: 'text-embedding-ada-002', texts: [text], dimensions: 256 }),
      ).rejects.toMatchObject({
        type: 'validation_error',
        code: 'dimensions_not_supported',
        param: 'dimensions',
      });
      expect(fake.requests).toHaveLength(2);
    });

    it('refuses what the provider would refuse before it can spoil a shared batch', async () => {
      await expect(embed({ model: SMALL, texts: ['fine', ''] })).rejects.toMatchObject({
        type: 'validation_error',
        code: 'empty_input',
      });
      await expect(embed({ model: SMALL, texts: ['word '.repeat(9000)] })).rejects.toMatchObject({
        type: 'context_length_exceeded',
        details: { max_input_tokens: 8192 },
      });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('batching', () => {
    it('coalesces concurrent requests into fewer provider calls, each answer in order', async () => {
      const requests = Array.from({ length: 20 }, (_, i) => fresh(4, `batch ${i}`));
      const results = await Promise.all(
        requests.map((texts, i) => embed({ model: SMALL, texts, requestId: `req_${i}` })),
      );
      results.forEach((result: EmbedResult, i) => {
        expect(result.vectors).toEqual(
          requests[i].map((text) => fakeVector('text-embedding-3-small', text, 1536)),
        );
        expect(result.inputTokens).toBe(sum(requests[i].map((text) => cl100kTokens(text))));
      });
      // 80 texts, at most 64 a call: two calls when all 20 meet, never one per request.
      expect(sum([...fake.embeddingInputsPerCall])).toBe(80);
      expect(fake.embeddingCalls).toBeLessThanOrEqual(4);
      expect(Math.max(...fake.embeddingInputsPerCall)).toBeLessThanOrEqual(64);
    });

    it('embeds a text once when concurrent requests share it, and charges each', async () => {
      const [shared] = fresh(1, 'shared');
      const [a, b] = await Promise.all([
        embed({ model: SMALL, texts: [shared, shared] }),
        embed({ model: SMALL, texts: [shared] }),
      ]);
      expect(fake.embeddingInputsPerCall).toEqual([1]);
      expect(a.vectors).toEqual([b.vectors[0], b.vectors[0]]);
      expect(a.inputTokens).toBe(2 * b.inputTokens);
    });

    it('fails every request waiting on a failed call', async () => {
      fake.enqueueFault({ kind: 'serverError', status: 503 });
      const outcomes = await Promise.allSettled([
        embed({ model: SMALL, texts: fresh(2, 'doomed') }),
        embed({ model: SMALL, texts: fresh(3, 'doomed') }),
      ]);
      expect(fake.requests).toHaveLength(1);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({
          status: 'rejected',
          reason: { type: 'service_unavailable', code: 'provider_unavailable' },
        });
      }
    });
  });

  describe('provider failures', () => {
    it('reports a provider that is down as service_unavailable', async () => {
      const closed = await FakeOpenAIServer.start();
      const baseUrl = closed.baseUrl;
      await closed.stop();
      const orphan = await service({ OPENAI_BASE_URL: baseUrl });
      await expect(embed({ model: SMALL, texts: ['hello'] }, orphan)).rejects.toMatchObject({
        type: 'service_unavailable',
        code: 'provider_unreachable',
        message: 'The openai embedding provider could not be reached.',
      });
    });

    it('reports a provider that does not answer in time as a timeout', async () => {
      fake.enqueueFault({ kind: 'hang' });
      const started = Date.now();
      await expect(embed({ model: SMALL, texts: fresh(1, 'slow') })).rejects.toMatchObject({
        type: 'timeout',
        code: 'provider_timeout',
        message: 'The openai embedding provider did not answer within 1000 ms.',
      });
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('maps a refused key and a rate limit clearly', async () => {
      fake.enqueueFault({
        kind: 'status',
        status: 401,
        body: {
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        },
      });
      const refused = embed({ model: SMALL, texts: fresh(1, 'key') });
      await expect(refused).rejects.toMatchObject({
        type: 'provider_error',
        code: 'provider_authentication_failed',
      });
      await expect(refused).rejects.toThrow(/check OPENAI_API_KEY/);
      fake.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 3 });
      await expect(embed({ model: SMALL, texts: fresh(1, 'limited') })).rejects.toMatchObject({
        type: 'rate_limit_exceeded',
        details: { retry_after_seconds: 3, upstream_status: 429 },
      });
    });

    it('refuses an answer with vectors of the wrong size', async () => {
      const wrong = await service({
        OPENAI_EMBEDDING_MODELS: 'text-embedding-3-small',
        OPENAI_EMBEDDING_MODEL_PRICES:
          '{"text-embedding-3-small":{"input_usd_per_mtok":0.02,"dimensions":768}}',
      });
      await expect(embed({ model: SMALL, texts: fresh(1, 'size') }, wrong)).rejects.toMatchObject({
        type: 'provider_error',
        code: 'provider_bad_response',
      });
    });
  });
});
