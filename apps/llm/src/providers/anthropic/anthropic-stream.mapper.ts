import type { ChatCompletionChunk, FinishReason } from '@conduit/contracts';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { completionId } from '../completion-id';
import {
  nowSeconds,
  toFinishReason,
  toUsage,
  type AnthropicUsage,
} from './anthropic-response.mapper';

type Delta = ChatCompletionChunk['choices'][number]['delta'];

interface ToolCallState {
  /** The tool call's ordinal among this message's tool calls: OpenAI's `tool_calls[].index`. */
  ordinal: number;
  /** The input the block started with, sent at its end if no `input_json_delta` came. */
  initialInput: unknown;
  argumentsSent: boolean;
}

/**
 * Turns Anthropic's stream events into OpenAI chunks, one event at a time, under one chunk id:
 * - `message_start` → `{role: 'assistant', content: ''}`;
 * - `text_delta` → content; a `tool_use` block start → a tool call with its id, name and empty
 *   arguments, then each `input_json_delta` → an arguments fragment (a tool call whose input
 *   never streamed gets its whole input, `{}` at least, when its block stops);
 * - `message_delta` → an empty delta carrying the finish reason;
 * - `message_stop` → a usage-only chunk (`choices: []`).
 * Thinking, signature and citation deltas, server-tool blocks and `ping` produce nothing.
 */
export class AnthropicStreamMapper {
  private readonly id = completionId();
  private readonly created = nowSeconds();
  private model: string;
  private usage: AnthropicUsage = {};
  private sawMessageDelta = false;
  private usageSent = false;
  private readonly toolCalls = new Map<number, ToolCallState>();

  /** `model` is used until `message_start` names the upstream's own model id. */
  constructor(model: string) {
    this.model = model;
  }

  map(event: RawMessageStreamEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message_start':
        this.model = event.message.model || this.model;
        this.usage = { ...event.message.usage };
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') return block.text ? [this.chunk({ content: block.text })] : [];
        if (block.type !== 'tool_use') return [];
        const ordinal = this.toolCalls.size;
        this.toolCalls.set(event.index, {
          ordinal,
          initialInput: block.input,
          argumentsSent: false,
        });
        return [
          this.chunk({
            tool_calls: [
              {
                index: ordinal,
                id: block.id,
                type: 'function',
                function: { name: block.name, arguments: '' },
              },
            ],
          }),
        ];
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta') {
          return delta.text ? [this.chunk({ content: delta.text })] : [];
        }
        if (delta.type !== 'input_json_delta' || !delta.partial_json) return [];
        const tool = this.toolCalls.get(event.index);
        if (!tool) return [];
        tool.argumentsSent = true;
        return [this.argumentsChunk(tool.ordinal, delta.partial_json)];
      }
      case 'content_block_stop': {
        const tool = this.toolCalls.get(event.index);
        if (!tool || tool.argumentsSent) return [];
        tool.argumentsSent = true;
        return [this.argumentsChunk(tool.ordinal, JSON.stringify(tool.initialInput ?? {}))];
      }
      case 'message_delta': {
        this.sawMessageDelta = true;
        this.mergeUsage(event.usage);
        const reason = event.delta.stop_reason;
        return reason ? [this.chunk({}, toFinishReason(reason))] : [];
      }
      case 'message_stop':
        return this.usageChunk();
      default:
        // `ping` (the SDK skips it already) and event types newer than this code.
        return [];
    }
  }

  /**
   * The upstream ended. Without `message_stop` no finish reason was seen and the caller reports
   * the cut; the usage counted so far (once a `message_delta` gave the output tokens) still is.
   */
  finish(): ChatCompletionChunk[] {
    return this.sawMessageDelta ? this.usageChunk() : [];
  }

  /** `message_delta` usage is cumulative; its input and cache counts, when given, are too. */
  private mergeUsage(usage: AnthropicUsage | null | undefined): void {
    if (!usage) return;
    for (const key of [
      'input_tokens',
      'output_tokens',
      'cache_read_input_tokens',
      'cache_creation_input_tokens',
      'output_tokens_details',
    ] as const) {
      if (usage[key] != null) (this.usage as Record<string, unknown>)[key] = usage[key];
    }
  }

  private usageChunk(): ChatCompletionChunk[] {
    if (this.usageSent) return [];
    this.usageSent = true;
    return [
      {
        id: this.id,
        object: 'chat.completion.chunk',
        created: this.created,
        model: this.model,
        choices: [],
        usage: toUsage(this.usage),
      },
    ];
  }

  private argumentsChunk(index: number, fragment: string): ChatCompletionChunk {
    return this.chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
  }

  private chunk(delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }
}

/** Maps a whole upstream event stream; errors from the upstream pass through unchanged. */
export async function* toChunks(
  events: AsyncIterable<RawMessageStreamEvent>,
  model: string,
): AsyncGenerator<ChatCompletionChunk> {
  const mapper = new AnthropicStreamMapper(model);
  for await (const event of events) yield* mapper.map(event);
  yield* mapper.finish();
}
