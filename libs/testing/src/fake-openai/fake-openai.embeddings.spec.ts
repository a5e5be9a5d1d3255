import { countTokens as cl100kTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import OpenAI from 'openai';
import { FakeOpenAIServer } from './index';

const API_KEY = 'sk-test-fake-openai-key-0003';

const norm = (vector: ArrayLike<number>) => Math.hypot(...Array.from(vector));

function decodeBase64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
}

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('FakeOpenAIServer POST /v1/embeddings (driven by the official openai SDK)', () => {
  let server: FakeOpenAIServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await FakeOpenAIServer.start({ apiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  const embed = (body: Partial<OpenAI.EmbeddingCreateParams>) =>
    client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello', ...body });

  it('answers in OpenAI’s shape with float vectors and cl100k usage', async () => {
    const input = ['The quick brown fox', 'jumps over the lazy dog'];
    const response = await embed({ input, encoding_format: 'float' });
    const tokens = cl100kTokens(input[0]) + cl100kTokens(input[1]);
    expect(Object.keys(response)).toEqual(['object', 'data', 'model', 'usage']);
    expect(response).toMatchObject({
      object: 'list',
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
    expect(response.data.map(({ object, index }) => ({ object, index }))).toEqual([
      { object: 'embedding', index: 0 },
      { object: 'embedding', index: 1 },
    ]);
    for (const item of response.data) {
      expect(item.embedding).toHaveLength(1536);
      expect(norm(item.embedding)).toBeCloseTo(1, 5);
    }
    expect(response.data[0].embedding).not.toEqual(response.data[1].embedding);
  });

  it('is deterministic, and base64 carries exactly the float vectors', async () => {
    const floats = await embed({ input: ['same text'], encoding_format: 'float' });
    const again = await embed({ input: ['same text'], encoding_format: 'float' });
    expect(again.data[0].embedding).toEqual(floats.data[0].embedding);
    const raw = await embed({ input: ['same text'], encoding_format: 'base64' });
    const packed = raw.data[0].embedding as unknown as string;
    expect(typeof packed).toBe('string');
    expect(decodeBase64(packed)).toEqual(floats.data[0].embedding);
    // The SDK asks for base64 by default and decodes it itself.
    const decoded = await embed({ input: ['same text'] });
    expect(decoded.data[0].embedding).toEqual(floats.data[0].embedding);
    expect((server.requests.at(-1)?.body as { encoding_format?: string }).encoding_format).toBe(
      'base64',
    );
  });

  it('shortens vectors on request, as a renormalised prefix of the full one', async () => {
    const full = await embed({ input: 'matryoshka', encoding_format: 'float' });
    const short = await embed({ input: 'matryoshka', encoding_format: 'float', dimensions: 8 });
    expect(short.data[0].embedding).toHaveLength(8);
    expect(norm(short.data[0].embedding)).toBeCloseTo(1, 5);
    const prefix = full.data[0].embedding.slice(0, 8);
    const scale = norm(prefix);
    short.data[0].embedding.forEach((value, i) => expect(value).toBeCloseTo(prefix[i] / scale, 5));
    const large = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'x' });
    expect(large.data[0].embedding).toHaveLength(3072);
  });

  it('accepts token ids and counts them as tokens', async () => {
    const response = await embed({ input: [[1, 2, 3], [4]] });
    expect(response.data).toHaveLength(2);
    expect(response.usage.prompt_tokens).toBe(4);
  });

  it('counts calls and inputs per call', async () => {
    await embed({ input: ['a', 'b', 'c'] });
    await embed({ input: 'd' });
    expect(server.embeddingCalls).toBe(2);
    expect(server.embeddingInputsPerCall).toEqual([3, 1]);
    server.reset();
    expect(server.embeddingCalls).toBe(0);
  });

  it.each([
    [{ input: '' }, "'$.input' is invalid", null, null],
    [{ input: ['a', ''] }, "'$.input' is invalid", null, null],
    [{ input: [] }, "'$.input' is invalid", null, null],
    [
      { input: undefined },
      "Missing required parameter: 'input'.",
      'input',
      'missing_required_parameter',
    ],
    [{ dimensions: 0 }, 'integer below minimum value', 'dimensions', 'integer_below_min_value'],
    [{ dimensions: 1537 }, 'Expected a value <= 1536', 'dimensions', 'integer_above_max_value'],
    [
      { encoding_format: 'int8' },
      "Supported values are: 'float' and 'base64'.",
      'encoding_format',
      'invalid_value',
    ],
  ])('refuses %j with OpenAI’s 400', async (body, message, param, code) => {
    const error = await failure(embed(body as Partial<OpenAI.EmbeddingCreateParams>));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain(message);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param, code });
    expect(server.embeddingCalls).toBe(0);
  });

  it('refuses dimensions on ada-002, too-long inputs and unknown models as OpenAI does', async () => {
    const ada = await failure(
      client.embeddings.create({ model: 'text-embedding-ada-002', input: 'x', dimensions: 256 }),
    );
    expect(ada).toMatchObject({ status: 400, param: null, code: null });
    expect(ada.message).toContain('This model does not support specifying dimensions.');

    const long = await failure(embed({ input: 'word '.repeat(9000) }));
    expect(long.status).toBe(400);
    expect(long.message).toContain("This model's maximum context length is 8192 tokens");

    const many = await failure(
      embed({ input: Array.from({ length: 40 }, () => 'word '.repeat(8000)) }),
    );
    expect(many).toMatchObject({ status: 400, code: 'max_tokens_per_request' });

    const unknown = await failure(embed({ model: 'text-embedding-4' }));
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown.code).toBe('model_not_found');
  });

  it('honours the fault injection of every route', async () => {
    server.enqueueFault({ kind: 'serverError', status: 503 });
    expect((await failure(embed({}))).status).toBe(503);

    server.enqueueFault({ kind: 'rateLimit', retryAfterSeconds: 2 });
    const limited = await failure(embed({}));
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('2');

    server.enqueueFault({ kind: 'omitUsage' });
    expect((await embed({})).usage).toBeUndefined();

    server.enqueueFault({ kind: 'delayFirstByte', ms: 100 });
    const started = Date.now();
    await embed({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    server.enqueueFault({ kind: 'hang' });
    const hung = await failure(
      client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }, { timeout: 200 }),
    );
    // A timeout (APIConnectionTimeoutError) under plain Node; under jest the abort error comes
    // from another realm and the SDK reports its base class.
    expect(hung).toBeInstanceOf(OpenAI.APIConnectionError);

    server.enqueueFault({ kind: 'malformedChunk', afterChunks: 0 });
    // A 200 whose body is not JSON: the SDK's JSON parse fails.
    await expect(embed({})).rejects.toMatchObject({ name: 'SyntaxError' });
    expect(server.embeddingCalls).toBe(3);
  });

  it('refuses a wrong key with OpenAI’s 401', async () => {
    const stranger = new OpenAI({
      apiKey: 'sk-wrong-key-000000',
      baseURL: server.baseUrl,
      maxRetries: 0,
    });
    const error = await failure(
      stranger.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }),
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.code).toBe('invalid_api_key');
  });
});
