import {
  ValidationError,
  type AnthropicMessageParam,
  type AnthropicMessagesRequest,
  type CacheControl,
  type ChatCompletionRequest,
  type ChatMessage,
} from '@conduit/contracts';

type ChatTool = NonNullable<ChatCompletionRequest['tools']>[number];
type ChatToolChoice = NonNullable<ChatCompletionRequest['tool_choice']>;
type UserMessage = Extract<ChatMessage, { role: 'user' }>;
type UserPart = Exclude<UserMessage['content'], string>[number];
type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type ToolCall = NonNullable<AssistantMessage['tool_calls']>[number];

/** The most stop sequences an OpenAI chat request (and so every upstream) accepts. */
export const MAX_STOP_SEQUENCES = 4;

/** Joins consecutive text blocks where OpenAI wants one string (system, assistant, tool result). */
export const TEXT_BLOCK_SEPARATOR = '\n\n';

/**
 * Prefix of a `tool` message made from a `tool_result` with `is_error: true`: OpenAI tool
 * messages have no error flag, so the model reads the failure in the text instead.
 */
export const TOOL_ERROR_PREFIX = 'Error: ';

function unsupported(param: string): ValidationError {
  return new ValidationError(`${param} is not supported by Conduit's /v1/messages.`, {
    param,
    code: 'unsupported_parameter',
  });
}

/**
 * Translates an Anthropic Messages request (already validated by AnthropicMessagesRequestSchema)
 * into the OpenAI chat request the llm service serves. Throws a ValidationError naming the
 * Anthropic parameter for what Conduit cannot honour. `cache_control` on system and user text
 * blocks is kept (Anthropic models honour it; others ignore it); elsewhere it, `service_tier`
 * and thinking blocks of past assistant turns are dropped.
 */
export function toChatRequest(request: AnthropicMessagesRequest): ChatCompletionRequest {
  if (request.top_k !== undefined) throw unsupported('top_k');
  if (request.thinking && request.thinking.type !== 'disabled') throw unsupported('thinking');
  const stop = request.stop_sequences ?? [];
  if (stop.length > MAX_STOP_SEQUENCES) {
    throw new ValidationError(
      `At most ${MAX_STOP_SEQUENCES} stop_sequences are supported; got ${stop.length}.`,
      { param: 'stop_sequences', code: 'invalid_value' },
    );
  }

  const messages: ChatMessage[] = [];
  const system = systemContent(request.system);
  if (system) messages.push({ role: 'system', content: system });
  for (const message of request.messages) messages.push(...toChatMessages(message));

  const chat: ChatCompletionRequest = {
    model: request.model,
    messages,
    max_tokens: request.max_tokens,
  };
  if (stop.length > 0) chat.stop = stop;
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.tools && request.tools.length > 0) chat.tools = request.tools.map(toChatTool);
  if (request.tool_choice) {
    chat.tool_choice = toChatToolChoice(request.tool_choice);
    const choice = request.tool_choice;
    if ('disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true) {
      chat.parallel_tool_calls = false;
    }
  }
  if (request.metadata?.user_id) chat.user = request.metadata.user_id;
  if (request.stream) {
    chat.stream = true;
    // The final usage is what message_delta reports; the llm service sends it either way.
    chat.stream_options = { include_usage: true };
  }
  return chat;
}

/**
 * The system prompt as one string — or as text parts when a block marks a prompt-cache
 * breakpoint, which Anthropic models honour (Conduit's `cache_control` on text parts).
 */
function systemContent(
  system: AnthropicMessagesRequest['system'],
): string | { type: 'text'; text: string; cache_control?: CacheControl }[] {
  if (system === undefined) return '';
  if (typeof system === 'string') return system;
  if (system.some((block) => block.cache_control)) {
    return system.map((block) => ({
      type: 'text' as const,
      text: block.text,
      ...cacheControl(block),
    }));
  }
  return system.map((block) => block.text).join(TEXT_BLOCK_SEPARATOR);
}

function cacheControl(block: { cache_control?: CacheControl | null }): {
  cache_control?: CacheControl;
} {
  return block.cache_control ? { cache_control: block.cache_control } : {};
}

function toChatMessages(message: AnthropicMessageParam): ChatMessage[] {
  if (message.role === 'assistant') return [toAssistantMessage(message)];
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];

  // Tool results answer the previous assistant turn, so they come first, as OpenAI requires.
  const toolMessages: ChatMessage[] = [];
  const parts: UserPart[] = [];
  for (const block of message.content) {
    switch (block.type) {
      case 'tool_result':
        toolMessages.push({
          role: 'tool',
          tool_call_id: block.tool_use_id,
          content: toolResultText(block.content, block.is_error === true),
        });
        break;
      case 'text':
        parts.push({ type: 'text', text: block.text, ...cacheControl(block) });
        break;
      case 'image':
        parts.push({
          type: 'image_url',
          image_url: {
            url:
              block.source.type === 'base64'
                ? `data:${block.source.media_type};base64,${block.source.data}`
                : block.source.url,
          },
        });
        break;
    }
  }
  return parts.length > 0 ? [...toolMessages, { role: 'user', content: parts }] : toolMessages;
}

function toolResultText(
  content: string | { type: 'text'; text: string }[] | undefined,
  isError: boolean,
): string {
  const text =
    content === undefined
      ? ''
      : typeof content === 'string'
        ? content
        : content.map((block) => block.text).join(TEXT_BLOCK_SEPARATOR);
  return isError ? `${TOOL_ERROR_PREFIX}${text}` : text;
}

function toAssistantMessage(
  message: Extract<AnthropicMessageParam, { role: 'assistant' }>,
): AssistantMessage {
  if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
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
    // thinking / redacted_thinking: signed for Anthropic's models only; other models ignore it.
  }
  const text = texts.join(TEXT_BLOCK_SEPARATOR);
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls };
}

function toChatTool(tool: NonNullable<AnthropicMessagesRequest['tools']>[number]): ChatTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.input_schema,
      ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
    },
  };
}

function toChatToolChoice(
  choice: NonNullable<AnthropicMessagesRequest['tool_choice']>,
): ChatToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}
