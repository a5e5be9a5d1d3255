import { toContentBlock, toStartMessage } from './message.body';
import type { BlockPlan, MessagePlan } from './message.plan';

/** One SSE frame as Anthropic writes it: the event name, then the JSON with the same `type`. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The Messages streaming events for a plan, in the order api.anthropic.com sends them:
 * `message_start`, then per block `content_block_start`, deltas (one token each) and
 * `content_block_stop`, with one `ping` right after the first block starts; then
 * `message_delta` (stop reason and cumulative usage) and `message_stop`.
 */
export function toEventFrames(plan: MessagePlan, includeUsage: boolean): string[] {
  const frames = [
    sseFrame('message_start', { type: 'message_start', message: toStartMessage(plan) }),
  ];
  const ping = sseFrame('ping', { type: 'ping' });
  if (plan.blocks.length === 0) frames.push(ping);
  plan.blocks.forEach((block, index) => {
    frames.push(
      sseFrame('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: toStartBlock(block),
      }),
    );
    if (index === 0) frames.push(ping);
    for (const piece of block.pieces) {
      frames.push(
        sseFrame('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: toDelta(block, piece),
        }),
      );
    }
    frames.push(sseFrame('content_block_stop', { type: 'content_block_stop', index }));
  });

  const messageDelta: Record<string, unknown> = {
    type: 'message_delta',
    delta: {
      stop_reason: plan.stopReason,
      stop_sequence: plan.stopSequence,
      stop_details: null,
      container: null,
    },
  };
  if (includeUsage) {
    // Cumulative totals for the whole message, as Anthropic now sends them.
    messageDelta.usage = {
      input_tokens: plan.usage.input_tokens,
      cache_creation_input_tokens: plan.usage.cache_creation_input_tokens,
      cache_read_input_tokens: plan.usage.cache_read_input_tokens,
      output_tokens: plan.usage.output_tokens,
      output_tokens_details: null,
      server_tool_use: null,
    };
  }
  frames.push(sseFrame('message_delta', messageDelta));
  frames.push(sseFrame('message_stop', { type: 'message_stop' }));
  return frames;
}

// A block starts empty: text "" or input {}; the deltas fill it in.
function toStartBlock(block: BlockPlan): Record<string, unknown> {
  const full = toContentBlock(block);
  return block.type === 'text' ? { ...full, text: '' } : { ...full, input: {} };
}

function toDelta(block: BlockPlan, piece: string): Record<string, unknown> {
  return block.type === 'text'
    ? { type: 'text_delta', text: piece }
    : { type: 'input_json_delta', partial_json: piece };
}
