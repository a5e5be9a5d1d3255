import {
  ValidationError,
  type CacheControl,
  type ChatCompletionRequest,
  type ChatMessage,
} from '@conduit/contracts';
import type {
  Base64ImageSource,
  ContentBlockParam,
  ImageBlockParam,
  MessageCreateParamsBase,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageParam,
  TextBlockParam,
  Tool,
  ToolChoice,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from '@anthropic-ai/sdk/resources/messages';

const IMAGE_MEDIA_TYPES: ReadonlySet<string> = new Set<Base64ImageSource['media_type']>([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
]);

type Turn = { role: 'user' | 'assistant'; content: ContentBlockParam[] };
type UserPart = Exclude<Extract<ChatMessage, { role: 'user' }>['content'], string>[number];

function unsupported(what: string, param: string): ValidationError {
  return new ValidationError(`${what} is not supported by anthropic models.`, {
    code: 'unsupported_parameter',
    param,
  });
}

/**
 * The Anthropic Messages body for an OpenAI chat request.
 *
 * Sampling: the SDK (1.x) speaks API version 2026-10-21, which removed `temperature`, `top_p`
 * and `top_k` (any value is a 400, even the default) and samples at the model's defaults. So a
 * `temperature` within Anthropic's old 0–1 range and any `top_p` are dropped, as the migration
 * guide advises; a `temperature` above 1 was never accepted and stays a ValidationError.
 *
 * Dropped, having no Anthropic equivalent and no effect on what a correct answer is: `seed`,
 * `presence_penalty`, `frequency_penalty`, `store`, `metadata`, `service_tier` (Anthropic's
 * values differ), `reasoning_effort` (Anthropic's `output_config.effort` is model-specific and
 * would turn a portable request into a 400 on most models), `stream_options` (a stream always
 * reports usage), `parallel_tool_calls: true` (the default), a message's `name`, an assistant
 * message's `refusal` field, and Conduit's own `conduit` options. Also dropped, being hints
 * about speed, caching or style that leave a correct answer correct: `prediction` (Predicted
 * Outputs only make OpenAI faster), `prompt_cache_key` / `prompt_cache_retention` /
 * `prompt_cache_options` (Anthropic caches by the `cache_control` breakpoints instead),
 * `verbosity`, `modalities: ["text"]` and `stream_options.include_obfuscation`.
 * `safety_identifier` (OpenAI's successor to `user`) becomes `metadata.user_id`, as `user` does.
 * Refused, because the answer would not be what was asked for: `modalities` with `audio` and
 * `audio` (spoken answers), `web_search_options` (no search happens), `moderation` (OpenAI
 * runs it), and the legacy `functions` / `function_call` / `function` messages (use `tools`).
 * `max_tokens` /
 * `max_completion_tokens` are replaced by the caller's `maxOutputTokens` (Anthropic requires one).
 * Anything that would change the answer and cannot be honoured is a ValidationError naming it.
 */
export function toProviderRequest(
  request: ChatCompletionRequest,
  upstreamModel: string,
  maxOutputTokens: number,
  stream: false,
): MessageCreateParamsNonStreaming;
export function toProviderRequest(
  request: ChatCompletionRequest,
  upstreamModel: string,
  maxOutputTokens: number,
  stream: true,
): MessageCreateParamsStreaming;
export function toProviderRequest(
  request: ChatCompletionRequest,
  upstreamModel: string,
  maxOutputTokens: number,
  stream: boolean,
): MessageCreateParamsNonStreaming | MessageCreateParamsStreaming {
  rejectUnsupportedOptions(request);
  const { system, messages } = toMessages(request.messages);
  const body: MessageCreateParamsBase = {
    model: upstreamModel,
    max_tokens: maxOutputTokens,
    messages,
  };
  if (system.length > 0) body.system = system;
  if (request.stop != null) {
    const stops = typeof request.stop === 'string' ? [request.stop] : request.stop;
    if (stops.length > 0) body.stop_sequences = stops;
  }
  const endUser = request.safety_identifier ?? request.user;
  if (endUser) body.metadata = { user_id: endUser };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map(toTool);
    body.tool_choice = toToolChoice(request);
  }
  const format = toOutputFormat(request);
  if (format) body.output_config = { format };
  return stream ? { ...body, stream: true } : { ...body, stream: false };
}

function rejectUnsupportedOptions(request: ChatCompletionRequest): void {
  if (request.temperature != null && request.temperature > 1) {
    throw new ValidationError(
      `temperature ${request.temperature} is out of range for anthropic models, which accept 0 to 1.`,
      { code: 'invalid_value', param: 'temperature' },
    );
  }
  if (request.n != null && request.n > 1) {
    throw unsupported('n > 1 (several choices)', 'n');
  }
  if (request.logprobs) throw unsupported('logprobs', 'logprobs');
  if (request.top_logprobs != null && request.top_logprobs > 0) {
    throw unsupported('top_logprobs', 'top_logprobs');
  }
  if (request.logit_bias != null && Object.keys(request.logit_bias).length > 0) {
    throw unsupported('logit_bias', 'logit_bias');
  }
  if (request.modalities?.includes('audio')) throw unsupported('Audio output', 'modalities');
  if (request.audio != null) throw unsupported('Audio output', 'audio');
  if (request.web_search_options) throw unsupported('web_search_options', 'web_search_options');
  if (request.moderation != null) throw unsupported('moderation', 'moderation');
  if (request.functions) throw legacyFunctions('functions');
  if (request.function_call) throw legacyFunctions('function_call');
}

function legacyFunctions(param: string): ValidationError {
  return new ValidationError(
    `The legacy ${param} is not supported by anthropic models; use tools and tool_choice.`,
    { code: 'unsupported_parameter', param },
  );
}

/**
 * System and developer messages become the top-level `system`; the rest become alternating
 * turns: consecutive messages of one role are merged (tool results are user turns), and a user
 * turn lists its tool results first, as Anthropic requires. Empty text is left out (Anthropic
 * rejects empty text blocks), and a message left with nothing is dropped.
 */
function toMessages(messages: ChatMessage[]): {
  system: TextBlockParam[];
  messages: MessageParam[];
} {
  const system: TextBlockParam[] = [];
  const turns: Turn[] = [];
  const append = (role: Turn['role'], blocks: ContentBlockParam[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: [...blocks] });
  };
  messages.forEach((message, i) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message.content));
        break;
      case 'user':
        append('user', userBlocks(message.content, i));
        break;
      case 'assistant':
        append('assistant', assistantBlocks(message, i));
        break;
      case 'tool':
        append('user', [toolResultBlock(message)]);
        break;
      case 'function':
        throw legacyFunctions(`messages[${i}]`);
    }
  });
  return {
    system,
    messages: turns.map(({ role, content }) => ({
      role,
      content: role === 'user' ? toolResultsFirst(content) : content,
    })),
  };
}

function textBlocks(
  content: string | { type: 'text'; text: string; cache_control?: CacheControl }[],
): TextBlockParam[] {
  const parts = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : content;
  return parts
    .filter((part) => part.text.length > 0)
    .map((part) => ({
      type: 'text',
      text: part.text,
      // A prompt-cache breakpoint the caller marked (Conduit's extension of OpenAI's parts).
      ...(part.cache_control ? { cache_control: part.cache_control } : {}),
    }));
}

function userBlocks(content: string | UserPart[], i: number): ContentBlockParam[] {
  if (typeof content === 'string') return textBlocks(content);
  return content.flatMap((part, j): ContentBlockParam[] => {
    const param = `messages[${i}].content[${j}]`;
    switch (part.type) {
      case 'text':
        return textBlocks([part]);
      case 'image_url':
        return [imageBlock(part.image_url.url, `${param}.image_url.url`)];
      case 'input_audio':
        throw unsupported('Audio input (input_audio)', param);
      case 'file':
        throw unsupported('File input', param);
    }
  });
}

const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s;

function imageBlock(url: string, param: string): ImageBlockParam {
  if (url.startsWith('data:')) {
    const match = DATA_URL.exec(url);
    const mediaType = match?.[1]?.toLowerCase();
    if (!match || !match[2]?.split(';').includes('base64')) {
      throw new ValidationError('An image data URL must be base64-encoded.', {
        code: 'invalid_image_url',
        param,
      });
    }
    if (!mediaType || !IMAGE_MEDIA_TYPES.has(mediaType)) {
      throw new ValidationError(
        `Image type ${mediaType ?? '(none)'} is not supported by anthropic models (jpeg, png, gif, webp are).`,
        { code: 'invalid_image_format', param },
      );
    }
    const media_type = mediaType as Base64ImageSource['media_type'];
    return { type: 'image', source: { type: 'base64', media_type, data: match[3] ?? '' } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new ValidationError('An image URL must be an http(s) URL or a base64 data URL.', {
    code: 'invalid_image_url',
    param,
  });
}

function assistantBlocks(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  i: number,
): ContentBlockParam[] {
  if (message.function_call) throw legacyFunctions(`messages[${i}].function_call`);
  const content = message.content ?? [];
  const blocks: ContentBlockParam[] =
    typeof content === 'string'
      ? textBlocks(content)
      : // A refusal the assistant gave is what it said: it stays in the conversation as text.
        textBlocks(
          content.map((part) => ({
            type: 'text',
            text: part.type === 'text' ? part.text : part.refusal,
          })),
        );
  (message.tool_calls ?? []).forEach((call, k) => {
    const block: ToolUseBlockParam = {
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: toolInput(
        call.function.arguments,
        `messages[${i}].tool_calls[${k}].function.arguments`,
      ),
    };
    blocks.push(block);
  });
  return blocks;
}

/** Tool-call arguments as the object Anthropic wants; empty arguments mean no arguments. */
function toolInput(args: string, param: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(args);
  } catch {
    throw new ValidationError('Tool call arguments are not valid JSON.', {
      code: 'invalid_tool_arguments',
      param,
    });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError('Tool call arguments must be a JSON object.', {
      code: 'invalid_tool_arguments',
      param,
    });
  }
  return input as Record<string, unknown>;
}

function toolResultBlock(message: Extract<ChatMessage, { role: 'tool' }>): ToolResultBlockParam {
  const text = textBlocks(message.content);
  return {
    type: 'tool_result',
    tool_use_id: message.tool_call_id,
    ...(text.length > 0 ? { content: text } : {}),
  };
}

function toolResultsFirst(blocks: ContentBlockParam[]): ContentBlockParam[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

function toTool({ function: fn }: NonNullable<ChatCompletionRequest['tools']>[number]): Tool {
  const input_schema: Tool.InputSchema = fn.parameters
    ? { type: 'object', ...fn.parameters }
    : { type: 'object', properties: {} };
  return {
    name: fn.name,
    ...(fn.description !== undefined ? { description: fn.description } : {}),
    input_schema,
    ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
  };
}

function toToolChoice(request: ChatCompletionRequest): ToolChoice {
  const disable_parallel_tool_use = request.parallel_tool_calls === false ? true : undefined;
  const parallel = disable_parallel_tool_use ? { disable_parallel_tool_use } : {};
  const choice = request.tool_choice ?? 'auto';
  switch (choice) {
    case 'none':
      return { type: 'none' };
    case 'auto':
      return { type: 'auto', ...parallel };
    case 'required':
      return { type: 'any', ...parallel };
    default:
      return { type: 'tool', name: choice.function.name, ...parallel };
  }
}

/**
 * `response_format`: `json_schema` maps to Anthropic's structured outputs
 * (`output_config.format`). `json_object` has no faithful equivalent (Anthropic's schemas must
 * close their objects), so it is refused rather than silently answered in free text.
 */
function toOutputFormat(
  request: ChatCompletionRequest,
): NonNullable<MessageCreateParamsBase['output_config']>['format'] | undefined {
  const format = request.response_format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    throw new ValidationError(
      'response_format json_object is not supported by anthropic models; use json_schema.',
      { code: 'unsupported_parameter', param: 'response_format' },
    );
  }
  if (!format.json_schema.schema) {
    throw new ValidationError('response_format json_schema needs a schema for anthropic models.', {
      code: 'missing_required_parameter',
      param: 'response_format.json_schema.schema',
    });
  }
  return { type: 'json_schema', schema: format.json_schema.schema };
}
