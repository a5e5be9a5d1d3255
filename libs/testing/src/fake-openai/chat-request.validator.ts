import type { FakeChatCompletionRequest } from './fake-openai.types';
import { invalidRequest, type OpenAIErrorReply } from './openai-error';
import { checkOptionalInteger, invalidType, isObject, missing } from './param-errors';

export type ChatRequestValidation =
  { ok: true; request: FakeChatCompletionRequest } | { ok: false; error: OpenAIErrorReply };

const MAX_CHOICES = 128;
const MAX_STOP_SEQUENCES = 4;

/**
 * Check the fields the fake acts on, with OpenAI's 400 wording, so a client (or gateway)
 * that sends a malformed request fails here as it would upstream instead of getting a
 * plausible answer.
 */
export function validateChatRequest(body: unknown): ChatRequestValidation {
  if (!isObject(body)) return fail(invalidType('body', 'an object', body));
  const error =
    checkModel(body) ??
    checkMessages(body.messages) ??
    checkOptionalInteger(body, 'n', 1, MAX_CHOICES) ??
    checkOptionalInteger(body, 'max_tokens', 1) ??
    checkOptionalInteger(body, 'max_completion_tokens', 1) ??
    checkOptionalBoolean(body, 'stream') ??
    checkStreamOptions(body) ??
    checkStop(body.stop) ??
    checkTools(body);
  return error ? fail(error) : { ok: true, request: body as FakeChatCompletionRequest };
}

function checkModel(body: Record<string, unknown>): OpenAIErrorReply | undefined {
  if (body.model === undefined || body.model === null || body.model === '') {
    return invalidRequest('you must provide a model parameter');
  }
  if (typeof body.model !== 'string') return invalidType('model', 'a string', body.model);
  return undefined;
}

function checkMessages(messages: unknown): OpenAIErrorReply | undefined {
  if (messages === undefined) return missing('messages');
  if (!Array.isArray(messages)) return invalidType('messages', 'an array', messages);
  if (messages.length === 0) {
    return invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const param = `messages[${i}]`;
    if (!isObject(message)) return invalidType(param, 'an object', message);
    if (message.role === undefined) return missing(`${param}.role`);
    if (typeof message.role !== 'string')
      return invalidType(`${param}.role`, 'a string', message.role);
    const { content } = message;
    if (
      content !== undefined &&
      content !== null &&
      typeof content !== 'string' &&
      !Array.isArray(content)
    ) {
      return invalidType(`${param}.content`, 'one of a string or array of objects', content);
    }
  }
  return undefined;
}

function checkOptionalBoolean(
  body: Record<string, unknown>,
  param: string,
): OpenAIErrorReply | undefined {
  const value = body[param];
  if (value === undefined || value === null || typeof value === 'boolean') return undefined;
  return invalidType(param, 'a boolean', value);
}

function checkStreamOptions(body: Record<string, unknown>): OpenAIErrorReply | undefined {
  const options = body.stream_options;
  if (options === undefined || options === null) return undefined;
  if (!isObject(options)) return invalidType('stream_options', 'an object', options);
  if (body.stream !== true) {
    return invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
    );
  }
  return checkOptionalBoolean(options, 'include_usage');
}

function checkStop(stop: unknown): OpenAIErrorReply | undefined {
  if (stop === undefined || stop === null || typeof stop === 'string') return undefined;
  if (!Array.isArray(stop)) return invalidType('stop', 'one of a string or array of strings', stop);
  if (stop.length > MAX_STOP_SEQUENCES) {
    return invalidRequest(
      `Invalid 'stop': array too long. Expected an array with maximum length ${MAX_STOP_SEQUENCES}, but got an array with length ${stop.length} instead.`,
      'stop',
      'array_above_max_length',
    );
  }
  const index = stop.findIndex((item) => typeof item !== 'string');
  return index === -1 ? undefined : invalidType(`stop[${index}]`, 'a string', stop[index]);
}

function checkTools(body: Record<string, unknown>): OpenAIErrorReply | undefined {
  const { tools, tool_choice: choice } = body;
  const hasTools = Array.isArray(tools) && tools.length > 0;
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) return invalidType('tools', 'an array', tools);
    for (let i = 0; i < tools.length; i++) {
      const tool: unknown = tools[i];
      if (!isObject(tool)) return invalidType(`tools[${i}]`, 'an object', tool);
      if (
        tool.type === 'function' &&
        !(isObject(tool.function) && typeof tool.function.name === 'string')
      ) {
        return missing(`tools[${i}].function.name`);
      }
    }
  }
  if (choice === undefined || choice === null) return undefined;
  if (!hasTools && choice !== 'none') {
    return invalidRequest(
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      'tool_choice',
    );
  }
  if (choice === 'none' || choice === 'auto' || choice === 'required') return undefined;
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string')
    return undefined;
  return invalidRequest(
    "Invalid value for 'tool_choice': expected one of 'none', 'auto', 'required' or an object naming a function.",
    'tool_choice',
    'invalid_value',
  );
}

function fail(error: OpenAIErrorReply): ChatRequestValidation {
  return { ok: false, error };
}
