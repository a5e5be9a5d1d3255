import { ProviderError, type FinishReason, type Usage } from '@conduit/contracts';
import type { Message, StopReason } from '@anthropic-ai/sdk/resources/messages';
import { completionId } from '../completion-id';
import type { ProviderCompletion } from '../provider-completion.schema';

/** The usage fields Anthropic reports, on a message or (cumulatively) on a `message_delta`. */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

type ToolCall = NonNullable<ProviderCompletion['choices'][number]['message']['tool_calls']>[number];

/**
 * Anthropic's stop reason as OpenAI's finish reason. `pause_turn` (a server tool's long turn was
 * paused) ends this answer as far as an OpenAI client can tell, so it is `stop`; so is any
 * reason this SDK does not know yet, rather than failing a finished answer.
 */
export function toFinishReason(stopReason: StopReason): FinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
    default:
      return 'stop';
  }
}

/**
 * OpenAI usage from Anthropic's. Anthropic's `input_tokens` leaves out the prompt tokens read
 * from or written to the cache, so the prompt is the sum of the three; `cache_creation_tokens`
 * is Conduit's own addition to `prompt_tokens_details` (cache writes are priced differently).
 */
export function toUsage(usage: AnthropicUsage): Usage {
  const input = usage.input_tokens ?? 0;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const prompt = input + cacheRead + cacheCreation;
  const completion = usage.output_tokens ?? 0;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_creation_tokens: cacheCreation },
    ...(thinking != null ? { completion_tokens_details: { reasoning_tokens: thinking } } : {}),
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * An Anthropic message as an OpenAI completion: text blocks joined into `content`, `tool_use`
 * blocks as `tool_calls`, thinking (and any server-tool block) left out. The id is an
 * OpenAI-style one of ours; `model` is the upstream's own model id.
 */
export function toChatCompletion(message: Message, provider: string): ProviderCompletion {
  if (
    !message ||
    !Array.isArray(message.content) ||
    typeof message.usage !== 'object' ||
    message.usage === null
  ) {
    throw new ProviderError(`The ${provider} provider returned a malformed completion.`, {
      code: 'malformed_provider_response',
    });
  }
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const content = texts.length === 0 && toolCalls.length > 0 ? null : texts.join('');
  return {
    id: completionId(),
    object: 'chat.completion',
    created: nowSeconds(),
    model: message.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toFinishReason(message.stop_reason ?? 'end_turn'),
        logprobs: null,
      },
    ],
    usage: toUsage(message.usage),
  };
}
