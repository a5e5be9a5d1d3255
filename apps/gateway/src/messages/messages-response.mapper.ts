import type { ChatCompletion, FinishReason, Usage } from '@conduit/contracts';
import type {
  ContentBlock,
  Message,
  RefusalStopDetails,
  StopReason,
  Usage as AnthropicUsage,
} from '@anthropic-ai/sdk/resources/messages';

/** The usage counters Anthropic reports in both `message.usage` and `message_delta.usage`. */
export interface AnthropicTokenCounts {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/**
 * Anthropic message id for an OpenAI completion (or any) id: `chatcmpl-abc` → `msg_abc`; an id
 * that already is a message id is kept.
 */
export function anthropicMessageId(sourceId: string): string {
  if (sourceId.startsWith('msg_')) return sourceId;
  return `msg_${sourceId.replace(/^chatcmpl[-_]?/, '')}`;
}

/**
 * OpenAI's finish reason as Anthropic's stop reason. A `stop` caused by one of the request's
 * stop sequences is reported as `end_turn`: OpenAI does not say which sequence matched. A
 * `stop` (or none) with tool calls is `tool_use`, since some OpenAI-compatible upstreams say
 * `stop` there and Anthropic clients run tools only on `tool_use`.
 */
export function anthropicStopReason(
  finishReason: FinishReason | null,
  hasToolCalls = false,
): StopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'stop':
    case null:
      return hasToolCalls ? 'tool_use' : 'end_turn';
  }
}

/** `stop_details` goes with a refusal; null otherwise. */
export function anthropicStopDetails(stopReason: StopReason): RefusalStopDetails | null {
  return stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null;
}

/**
 * OpenAI usage counts cached prompt tokens (and Conduit's `cache_creation_tokens`, written to
 * the cache) inside `prompt_tokens`; Anthropic counts them beside `input_tokens`. Clamped as
 * billing does, so no counter is ever negative and the three input counters sum to
 * `prompt_tokens`.
 */
export function anthropicTokenCounts(usage: Usage): AnthropicTokenCounts {
  const prompt = nonNegative(usage.prompt_tokens);
  const cachedRead = Math.min(nonNegative(usage.prompt_tokens_details?.cached_tokens), prompt);
  const cacheWrite = Math.min(
    nonNegative(usage.prompt_tokens_details?.['cache_creation_tokens']),
    prompt - cachedRead,
  );
  return {
    input_tokens: prompt - cachedRead - cacheWrite,
    output_tokens: nonNegative(usage.completion_tokens),
    cache_read_input_tokens: cachedRead,
    cache_creation_input_tokens: cacheWrite,
  };
}

function nonNegative(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** A full Anthropic `usage` object from token counts; what Conduit does not know is null. */
export function anthropicUsage(counts: AnthropicTokenCounts): AnthropicUsage {
  return {
    ...counts,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  };
}

/**
 * A tool call's OpenAI `arguments` (a JSON string) as Anthropic's `input` (an object). Empty,
 * unparsable or non-object arguments become `{}`: Anthropic's `input` is always an object, and
 * a model's malformed arguments are better seen by the client as an empty call it can reject
 * than as a failed request that cost money.
 */
export function toolInput(argumentsJson: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(argumentsJson);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * An OpenAI chat completion as an Anthropic `Message`. Its `model` is the completion's (the
 * catalog id that served). Only the first choice is used (`n` is never asked for). A refusal
 * with no content becomes the text block, so the client sees why the model declined.
 */
export function toAnthropicMessage(completion: ChatCompletion): Message {
  const choice = completion.choices[0];
  const text = choice?.message.content || choice?.message.refusal || '';
  const content: ContentBlock[] = [];
  if (text !== '') content.push({ type: 'text', text, citations: null });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: toolInput(call.function.arguments),
      caller: { type: 'direct' },
    });
  }
  const stopReason = anthropicStopReason(
    choice?.finish_reason ?? null,
    (choice?.message.tool_calls?.length ?? 0) > 0,
  );
  return {
    id: anthropicMessageId(completion.id),
    type: 'message',
    role: 'assistant',
    model: completion.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: anthropicStopDetails(stopReason),
    container: null,
    diagnostics: null,
    usage: anthropicUsage(anthropicTokenCounts(completion.usage)),
  };
}
