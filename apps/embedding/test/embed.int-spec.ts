import { Subjects, unpackVector } from '@conduit/contracts';
import type { FakeOpenAIServer, TestBus } from '@conduit/testing';
import { metricsRegistry } from '@conduit/telemetry';
import { countTokens as cl100kTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200kTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { LocalEmbedder } from '../src/local/local-embedder';
import {
  fresh,
  norm,
  SMALL,
  startEmbeddingHarness,
  sum,
  type EmbedCall,
  type EmbeddingHarness,
} from './support/embedding-harness';

describe('embedding service over NATS', () => {
  let harness: EmbeddingHarness;
  let fake: FakeOpenAIServer;
  let bus: TestBus;
  const embed = (request: EmbedCall, on?: TestBus) => harness.embed(request, on);
  const service = (env?: Record<string, string>) => harness.service(env);

  beforeAll(async () => {
    harness = await startEmbeddingHarness();
    ({ fake, bus } = harness);
  });
  afterEach(() => fake.reset());
  afterAll(() => harness?.close());

  describe('local/embed', () => {
    it('embeds to deterministic unit vectors, charged at the local price', async () => {
      const texts = ['the quick brown fox', 'a lazy dog sleeps'];
      const result = await embed({ texts });
      const tokens = sum(texts.map((text) => o200kTokens(text)));
      expect(result).toMatchObject({
        model: 'local/embed',
        dimensions: 384,
        inputTokens: tokens,
        charge: {
          model: 'local/embed',
          provider: 'local',
          // 0.1 USD per million tokens = 0.1 micro-USD per token, rounded up.
          costMicroUsd: Math.ceil(tokens / 10),
          priceVersion: 'local/embed@1970-01-01',
        },
      });
      const vectors = result.vectors.map(unpackVector);
      const expected = new LocalEmbedder(384).embed(texts);
      vectors.forEach((vector, i) => {
        expect(vector).toHaveLength(384);
        expect(norm(vector)).toBeCloseTo(1, 5);
        vector.forEach((value, j) => expect(value).toBeCloseTo(expected[i][j], 6));
      });
      const again = await embed({ texts, requestId: 'req_again' });
      expect(again.vectors).toEqual(result.vectors);
      expect(fake.embeddingCalls).toBe(0);
    });

    it('honours dimensions from 1 to 4096, and refuses more', async () => {
      for (const dimensions of [1, 64, 4096]) {
        const result = await embed({ texts: ['resize me'], dimensions });
        expect(result.dimensions).toBe(dimensions);
        expect(unpackVector(result.vectors[0])).toHaveLength(dimensions);
        expect(norm(unpackVector(result.vectors[0]))).toBeCloseTo(1, 4);
      }
      await expect(embed({ texts: ['x'], dimensions: 4097 })).rejects.toMatchObject({
        type: 'validation_error',
        code: 'dimensions_too_large',
        param: 'dimensions',
      });
    });

    it('embeds empty and blank text to the zero vector, still charged for its tokens', async () => {
      const result = await embed({ texts: ['', '   '] });
      for (const vector of result.vectors.map(unpackVector)) expect(norm(vector)).toBe(0);
      expect(result.inputTokens).toBe(o200kTokens('   '));
    });

    it('refuses a message whose reply NATS could not carry, before doing any work', async () => {
      await expect(
        embed({ texts: Array.from({ length: 256 }, (_, i) => `t${i}`), dimensions: 4096 }),
      ).rejects.toMatchObject({
        type: 'validation_error',
        code: 'reply_too_large',
        param: 'texts',
      });
    });
  });

  describe('quotes', () => {
    it('quote exactly what embedding then charges, for texts or a token count', async () => {
      for (const model of ['local/embed', SMALL, 'text-embedding-3-large']) {
        const texts = fresh(5, `quote ${model}`);
        const quote = await bus.client.request(Subjects.embeddingQuote, {
          requestId: 'req_quote',
          model,
          texts,
        });
        const result = await embed({ model, texts });
        expect(quote).toMatchObject({
          model: result.model,
          provider: result.charge.provider,
          dimensions: result.dimensions,
          inputTokens: result.inputTokens,
          worstCaseMicroUsd: result.charge.costMicroUsd,
          priceVersion: result.charge.priceVersion,
        });
        const byCount = await bus.client.request(Subjects.embeddingQuote, {
          requestId: 'req_quote',
          model,
          inputTokens: result.inputTokens,
        });
        expect(byCount).toEqual(quote);
      }
      const small = await bus.client.request(Subjects.embeddingQuote, {
        requestId: 'req_quote',
        model: SMALL,
        inputTokens: 1_000_000,
      });
      expect(small).toEqual({
        model: SMALL,
        provider: 'openai',
        dimensions: 1536,
        inputTokens: 1_000_000,
        worstCaseMicroUsd: 20_000,
        priceVersion: `${SMALL}@2024-01-25`,
      });
    });

    it('counts OpenAI models with cl100k_base', async () => {
      const texts = ['Grüße aus Köln — 漢字 👍🏽', 'plain words here'];
      const quote = await bus.client.request(Subjects.embeddingQuote, {
        requestId: 'req_quote',
        model: SMALL,
        texts,
      });
      expect(quote.inputTokens).toBe(sum(texts.map((text) => cl100kTokens(text))));
    });
  });

  describe('cache', () => {
    it('answers repeated texts from the cache, still charging them', async () => {
      const texts = fresh(3, 'cache');
      const first = await embed({ model: SMALL, texts });
      expect(first.cachedTexts).toBe(0);
      const second = await embed({ model: SMALL, texts });
      expect(second.cachedTexts).toBe(3);
      expect(second.vectors).toEqual(first.vectors);
      expect(second.inputTokens).toBe(first.inputTokens);
      expect(second.charge).toEqual(first.charge);
      const [newText] = fresh(1, 'cache');
      const mixed = await embed({ model: SMALL, texts: [texts[1], newText] });
      expect(mixed.cachedTexts).toBe(1);
      expect(fake.embeddingInputsPerCall).toEqual([3, 1]);
      // Another length is another vector: not a hit.
      const shorter = await embed({ model: SMALL, texts: [texts[0]], dimensions: 512 });
      expect(shorter.cachedTexts).toBe(0);
      const metrics = await metricsRegistry.metrics();
      expect(metrics).toMatch(
        /conduit_embedding_texts_total\{model="openai\/text-embedding-3-small",source="cache"\} [1-9]/,
      );
      expect(metrics).toMatch(
        /conduit_embedding_batch_texts_count\{model="openai\/text-embedding-3-small"\} [1-9]/,
      );
    });

    it('is off with EMBEDDING_CACHE_ENTRIES=0', async () => {
      const uncached = await service({ EMBEDDING_CACHE_ENTRIES: '0' });
      const texts = fresh(2, 'nocache');
      await embed({ model: SMALL, texts }, uncached);
      const again = await embed({ model: SMALL, texts }, uncached);
      expect(again.cachedTexts).toBe(0);
      expect(fake.embeddingCalls).toBe(2);
    });
  });

  describe('models and access', () => {
    it('refuses an unknown model as not_found', async () => {
      for (const subject of [Subjects.embeddingEmbed, Subjects.embeddingQuote] as const) {
        await expect(
          bus.client.request(subject, { requestId: 'r', model: 'openai/nope', texts: ['x'] }),
        ).rejects.toMatchObject({ type: 'not_found', code: 'model_not_found', param: 'model' });
      }
    });

    it('refuses a model the allow-list does not name, by any of its names', async () => {
      for (const subject of [Subjects.embeddingEmbed, Subjects.embeddingQuote] as const) {
        await expect(
          bus.client.request(subject, {
            requestId: 'r',
            model: SMALL,
            texts: ['x'],
            allowedModels: ['local/embed'],
          }),
        ).rejects.toMatchObject({
          type: 'permission_denied',
          code: 'model_not_allowed',
          param: 'model',
        });
      }
      const allowed = await embed({
        model: SMALL,
        texts: fresh(1, 'allowed'),
        allowedModels: ['text-embedding-3-small'],
      });
      expect(allowed.model).toBe(SMALL);
      await expect(embed({ texts: ['x'], allowedModels: [] })).rejects.toMatchObject({
        type: 'permission_denied',
      });
    });

    it('validates payloads against the contract', async () => {
      await expect(embed({ texts: [] })).rejects.toMatchObject({ type: 'validation_error' });
      await expect(
        bus.client.request(Subjects.embeddingQuote, { requestId: 'r', model: 'local/embed' }),
      ).rejects.toMatchObject({ type: 'validation_error' });
    });
  });
});
