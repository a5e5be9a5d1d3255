import { randomUUID } from 'node:crypto';
import type {
  ChatCompletionChunk,
  DomainError,
  ErrorPayload,
  FinishReason,
  Usage,
} from '@conduit/contracts';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { anthropicErrorBody, type AnthropicErrorBody } from './anthropic-error.mapper';
import {
  anthropicMessageId,
  anthropicStopDetails,
  anthropicStopReason,
  anthropicTokenCounts,
  anthropicUsage,
} from './messages-response.mapper';

/** Anthropic's `event: error` data: the error body, as in an error response. */
export type AnthropicStreamErrorEvent = AnthropicErrorBody;

/** What `/v1/messages` streams: Anthropic's message events, or a final error. */
export type MessagesStreamEvent = RawMessageStreamEvent | AnthropicStreamErrorEvent;

type OpenBlock = { kind: 'text'; index: number } | { kind: 'tool'; index: number; call: number };

/**
 * Translates one OpenAI chat stream (the llm service's chunk / end / error events) into
 * Anthropic's Messages stream events, which the SDK's `MessageStream` accumulates into the
 * same `Message` a non-streamed call returns.
 *
 * Content blocks are numbered in order: text deltas open (or continue) a text block, each
 * OpenAI tool call (by its `index`) opens a `tool_use` block whose arguments stream as
 * `input_json_delta`; a change of kind or tool call closes the open block. Upstreams send
 * tool calls one after another; should one interleave, deltas for an already closed call are
 * dropped (Anthropic cannot reopen a block). Only the first choice is read.
 *
 * Call `start` once, then `chunk` per chunk, then `end` or `error`.
 */
export class MessagesStreamTranslator {
  private nextIndex = 0;
  private open: OpenBlock | null = null;
  private readonly closedCalls = new Set<number>();
  private sawToolUse = false;
  private messageId = '';

  /**
   * `message_start`. The input token count is unknown until the end, so it starts at 0 and
   * `message_delta` carries the real counts (the SDK's accumulator overwrites them).
   */
  start(
    model: string,
    messageId = anthropicMessageId(randomUUID().replace(/-/g, '')),
  ): MessagesStreamEvent[] {
    this.messageId = messageId;
    const event: RawMessageStreamEvent = {
      type: 'message_start',
      message: {
        id: messageId,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        usage: anthropicUsage({
          input_tokens: 0,
          output_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
        }),
      },
    };
    return [event];
  }

  chunk(chunk: ChatCompletionChunk): MessagesStreamEvent[] {
    const events: MessagesStreamEvent[] = [];
    const delta = chunk.choices.find((choice) => choice.index === 0)?.delta;
    if (!delta) return events;
    const text = (delta.content ?? '') + (delta.refusal ?? '');
    if (text !== '') {
      let index = this.open?.kind === 'text' ? this.open.index : undefined;
      if (index === undefined) {
        index = this.openBlock(events, { kind: 'text' });
        events.push({
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '', citations: null },
        });
      }
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
    }
    for (const call of delta.tool_calls ?? []) {
      if (this.closedCalls.has(call.index)) continue;
      let index =
        this.open?.kind === 'tool' && this.open.call === call.index ? this.open.index : undefined;
      if (index === undefined) {
        index = this.openBlock(events, { kind: 'tool', call: call.index });
        this.sawToolUse = true;
        events.push({
          type: 'content_block_start',
          index,
          content_block: {
            type: 'tool_use',
            id: call.id || `toolu_${this.messageId.replace(/^msg_/, '')}_${call.index}`,
            name: call.function?.name ?? '',
            input: {},
            caller: { type: 'direct' },
          },
        });
      }
      const partial = call.function?.arguments;
      if (partial) {
        events.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: partial },
        });
      }
    }
    return events;
  }

  /**
   * Closes the open block, then `message_delta` with the stop reason and the whole usage
   * (input and cache counters included: the SDK's `finalMessage()` takes them from there, as it
   * does from Anthropic's own `message_delta`), then `message_stop`.
   */
  end(usage: Usage, finishReason: FinishReason | null): MessagesStreamEvent[] {
    const events: MessagesStreamEvent[] = [];
    this.closeOpen(events);
    const stopReason = anthropicStopReason(finishReason, this.sawToolUse);
    events.push(
      {
        type: 'message_delta',
        delta: {
          stop_reason: stopReason,
          stop_sequence: null,
          stop_details: anthropicStopDetails(stopReason),
          container: null,
        },
        usage: {
          ...anthropicTokenCounts(usage),
          output_tokens_details: null,
          server_tool_use: null,
        },
      },
      { type: 'message_stop' },
    );
    return events;
  }

  /** The stream's last event when it fails after it started: the SDK throws it as an APIError. */
  error(error: ErrorPayload | DomainError, requestId: string | null = null): MessagesStreamEvent[] {
    return [anthropicErrorBody(error, requestId)];
  }

  private openBlock(
    events: MessagesStreamEvent[],
    block: { kind: 'text' } | { kind: 'tool'; call: number },
  ): number {
    this.closeOpen(events);
    const index = this.nextIndex++;
    this.open = { ...block, index };
    return index;
  }

  private closeOpen(events: MessagesStreamEvent[]): void {
    if (!this.open) return;
    events.push({ type: 'content_block_stop', index: this.open.index });
    if (this.open.kind === 'tool') this.closedCalls.add(this.open.call);
    this.open = null;
  }
}

/** One event as Anthropic frames it: `event: <type>\ndata: <json>\n\n` (the SDK skips unnamed ones). */
export function formatSseEvent(event: MessagesStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
