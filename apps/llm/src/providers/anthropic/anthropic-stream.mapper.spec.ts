import { ChatCompletionChunkSchema, type ChatCompletionChunk } from '@conduit/contracts';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnthropicStreamMapper, toChunks } from './anthropic-stream.mapper';

function events(name: string): RawMessageStreamEvent[] {
  return JSON.parse(
    readFileSync(join(__dirname, 'fixtures', name), 'utf8'),
  ) as RawMessageStreamEvent[];
}

function mapAll(list: RawMessageStreamEvent[]): ChatCompletionChunk[] {
  const mapper = new AnthropicStreamMapper('fallback-model');
  return [...list.flatMap((event) => mapper.map(event)), ...mapper.finish()];
}

async function* asStream<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const deltas = (chunks: ChatCompletionChunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.delta ?? null);

describe('anthropic stream mapper', () => {
  it('maps a text stream to OpenAI chunks under one id, ending with usage', () => {
    const chunks = mapAll(events('stream-text.json'));
    for (const chunk of chunks)
      expect(ChatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]?.id).toMatch(/^chatcmpl-/);
    expect(chunks.every((chunk) => chunk.model === 'claude-sonnet-4-5-20250929')).toBe(true);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      { content: '! How can I' },
      { content: ' help?' },
      {},
      null,
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([
      null,
      null,
      null,
      null,
      'stop',
      null,
    ]);
    expect(chunks.at(-1)).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [],
      usage: {
        prompt_tokens: 25 + 1024,
        completion_tokens: 15,
        total_tokens: 25 + 1024 + 15,
        prompt_tokens_details: { cached_tokens: 1024, cache_creation_tokens: 0 },
      },
    });
  });

  it('maps tool_use blocks to indexed tool call deltas and drops thinking', () => {
    const chunks = mapAll(events('stream-tool-use.json'));
    for (const chunk of chunks)
      expect(ChatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Let me check.' },
      {
        tool_calls: [
          {
            index: 0,
            id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"location": "San' } }] },
      { tool_calls: [{ index: 0, function: { arguments: ' Francisco, CA"}' } }] },
      {
        tool_calls: [
          {
            index: 1,
            id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
            type: 'function',
            function: { name: 'list_files', arguments: '' },
          },
        ],
      },
      // A tool whose input never streamed still gets valid JSON arguments.
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
      null,
    ]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    // Input and cache counts from message_start (message_delta's are null), output from message_delta.
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 472 + 300,
      completion_tokens: 89,
      total_tokens: 472 + 300 + 89,
      prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 300 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });

  it('honours input and cache counts a message_delta carries', () => {
    const list = events('stream-text.json').map((event) =>
      event.type === 'message_delta'
        ? {
            ...event,
            usage: { ...event.usage, input_tokens: 30, cache_read_input_tokens: 0 },
          }
        : event,
    );
    expect(mapAll(list).at(-1)?.usage).toMatchObject({
      prompt_tokens: 30,
      completion_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('just ends a stream cut before message_delta, with no finish reason nor usage', () => {
    const list = events('stream-text.json').slice(0, 5);
    const chunks = mapAll(list);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('still reports usage when the stream ends after message_delta without message_stop', () => {
    const list = events('stream-text.json').filter((event) => event.type !== 'message_stop');
    const chunks = mapAll(list);
    expect(chunks.filter((chunk) => chunk.usage)).toHaveLength(1);
    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 15 });
  });

  it('maps an async event stream, emitting usage once', async () => {
    const chunks = await collect(toChunks(asStream(events('stream-text.json')), 'fallback'));
    expect(chunks).toHaveLength(6);
    expect(chunks.filter((chunk) => chunk.usage)).toHaveLength(1);
  });

  it('passes an upstream error through', async () => {
    async function* failing(): AsyncGenerator<RawMessageStreamEvent> {
      yield* asStream(events('stream-text.json').slice(0, 3));
      throw new Error('boom');
    }
    await expect(collect(toChunks(failing(), 'fallback'))).rejects.toThrow('boom');
  });
});
