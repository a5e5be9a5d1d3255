import { newMessageId, newToolUseId } from './anthropic-ids';
import type { FakeAnthropicTool, FakeMessagesRequest } from './fake-anthropic.types';
import { toJsonText } from './json-text';
import type { PromptCache } from './prompt-cache';
import { countTokens, lastUserText, promptSegments, tokenPieces } from './token-count';

export interface TextBlockPlan {
  type: 'text';
  text: string;
  /** The text as streamed: one `text_delta` per token. */
  pieces: string[];
}

export interface ToolUseBlockPlan {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** The input as streamed: one `input_json_delta` per token, after an empty one as Anthropic sends. */
  pieces: string[];
}

export type BlockPlan = TextBlockPlan | ToolUseBlockPlan;

export type PlannedStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

export interface UsagePlan {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
}

/**
 * Everything a message will say, decided up front, so the JSON body and the SSE stream are
 * two renderings of the same answer and always agree on content and usage.
 */
export interface MessagePlan {
  id: string;
  model: string;
  blocks: BlockPlan[];
  stopReason: PlannedStopReason;
  stopSequence: string | null;
  usage: UsagePlan;
}

export interface PlanSettings {
  reply: (request: FakeMessagesRequest) => string;
  toolInput: (request: FakeMessagesRequest, tool: FakeAnthropicTool) => Record<string, unknown>;
  cache: PromptCache;
}

export function defaultReply(request: FakeMessagesRequest): string {
  return `Fake reply to: ${lastUserText(request)}`;
}

/**
 * The reply, as a model would produce it:
 * - `tool_choice` `any` (first custom tool) or `{type:'tool', name}`: only a `tool_use` block;
 * - otherwise the reply text, cut before the earliest of `stop_sequences` (`stop_sequence`)
 *   or after `max_tokens` tokens (`max_tokens`); then, unless cut or `tool_choice` is `none`,
 *   when the last user message mentions a custom tool by name, a `tool_use` block for the
 *   first such tool follows the text (`tool_use`); else `end_turn`.
 * `max_tokens` does not limit `tool_use` blocks.
 */
export function planMessage(request: FakeMessagesRequest, settings: PlanSettings): MessagePlan {
  const blocks: BlockPlan[] = [];
  let stopReason: PlannedStopReason;
  let stopSequence: string | null = null;

  const forced = forcedTool(request);
  if (forced) {
    blocks.push(planToolUse(request, forced, settings));
    stopReason = 'tool_use';
  } else {
    const text = planText(settings.reply(request), request);
    if (text.block.text.length > 0) blocks.push(text.block);
    stopReason = text.stopReason;
    stopSequence = text.stopSequence;
    const mentioned = stopReason === 'end_turn' ? mentionedTool(request) : undefined;
    if (mentioned) {
      blocks.push(planToolUse(request, mentioned, settings));
      stopReason = 'tool_use';
    }
  }

  const segments = promptSegments(request);
  let inputTokens = 0;
  for (const { tokens } of segments) inputTokens += tokens;
  const cache = settings.cache.account(request.model, segments, request.cache_control);
  return {
    id: newMessageId(),
    model: request.model,
    blocks,
    stopReason,
    stopSequence,
    usage: {
      // Anthropic's input_tokens counts only what was neither read from nor written to the cache.
      input_tokens: inputTokens - cache.read - cache.created,
      cache_creation_input_tokens: cache.created,
      cache_read_input_tokens: cache.read,
      cache_creation: {
        ephemeral_5m_input_tokens: cache.ttl === '5m' ? cache.created : 0,
        ephemeral_1h_input_tokens: cache.ttl === '1h' ? cache.created : 0,
      },
      output_tokens: Math.max(
        1,
        blocks.reduce((sum, block) => sum + outputTokens(block), 0),
      ),
    },
  };
}

function planText(
  fullReply: string,
  request: FakeMessagesRequest,
): { block: TextBlockPlan; stopReason: PlannedStopReason; stopSequence: string | null } {
  let text = fullReply;
  let stopSequence: string | null = null;
  let stopAt = -1;
  for (const stop of request.stop_sequences ?? []) {
    const at = stop.length > 0 ? text.indexOf(stop) : -1;
    if (at !== -1 && (stopAt === -1 || at < stopAt)) {
      stopAt = at;
      stopSequence = stop;
    }
  }
  if (stopAt !== -1) text = text.slice(0, stopAt);

  const pieces = tokenPieces(text);
  // The budget runs out before the stop sequence is reached, so it is not reported.
  if (pieces.length > request.max_tokens) {
    const kept = pieces.slice(0, request.max_tokens);
    return {
      block: { type: 'text', text: kept.join(''), pieces: kept },
      stopReason: 'max_tokens',
      stopSequence: null,
    };
  }
  return {
    block: { type: 'text', text, pieces },
    stopReason: stopSequence === null ? 'end_turn' : 'stop_sequence',
    stopSequence,
  };
}

function planToolUse(
  request: FakeMessagesRequest,
  tool: FakeAnthropicTool,
  settings: PlanSettings,
): ToolUseBlockPlan {
  const input = settings.toolInput(request, tool);
  return {
    type: 'tool_use',
    id: newToolUseId(),
    name: tool.name,
    input,
    pieces: ['', ...tokenPieces(toJsonText(input))],
  };
}

function customTools(request: FakeMessagesRequest): FakeAnthropicTool[] {
  return (request.tools ?? []).filter(
    (tool) => tool.type === undefined || tool.type === null || tool.type === 'custom',
  );
}

function forcedTool(request: FakeMessagesRequest): FakeAnthropicTool | undefined {
  const choice = request.tool_choice;
  if (choice?.type === 'any') return customTools(request)[0];
  if (choice?.type === 'tool') return request.tools?.find((tool) => tool.name === choice.name);
  return undefined;
}

function mentionedTool(request: FakeMessagesRequest): FakeAnthropicTool | undefined {
  if (request.tool_choice?.type === 'none') return undefined;
  const text = lastUserText(request);
  return customTools(request).find((tool) => text.includes(tool.name));
}

function outputTokens(block: BlockPlan): number {
  return block.type === 'text'
    ? block.pieces.length
    : countTokens(block.name) + countTokens(toJsonText(block.input));
}
