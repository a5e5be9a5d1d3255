import { invalidRequest, type AnthropicErrorReply } from './anthropic-error';
import type { FakeMessagesRequest } from './fake-anthropic.types';
import {
  extraField,
  FIELD_REQUIRED,
  fieldError,
  isObject,
  NOT_A_LIST,
  NOT_A_STRING,
  NOT_AN_OBJECT,
} from './field-error';
import { checkCacheControl, checkMessages, checkSystem } from './message-content.validator';

export type MessagesRequestValidation =
  { ok: true; request: FakeMessagesRequest } | { ok: false; error: AnthropicErrorReply };

// Every body parameter of the Messages API (the SDK's MessageCreateParams, plus the sampling
// parameters older models still take). Anything else is rejected, as the real API does: the
// classic gateway bug is forwarding an OpenAI-only field such as `n` or `response_format`.
const REQUEST_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'metadata',
  'stream',
  'thinking',
  'service_tier',
  'cache_control',
  'container',
  'context_management',
  'diagnostics',
  'inference_geo',
  'mcp_servers',
  'output_config',
  'speed',
]);
const TOOL_CHOICE_TYPES = ['auto', 'any', 'tool', 'none'];

/**
 * Check a `POST /v1/messages` body with Anthropic's 400 wording (`<field>: <problem>`), so a
 * client or gateway that sends a malformed request fails here as it would upstream instead
 * of getting a plausible answer.
 */
export function validateMessagesRequest(body: unknown): MessagesRequestValidation {
  if (!isObject(body)) return fail(invalidRequest(NOT_AN_OBJECT));
  const error =
    checkModel(body.model) ??
    checkMessages(body.messages) ??
    checkMaxTokens(body.max_tokens) ??
    checkSystem(body.system) ??
    checkStopSequences(body.stop_sequences) ??
    checkNumber(body, 'temperature', 0, 1) ??
    checkNumber(body, 'top_p', 0, 1) ??
    checkTopK(body.top_k) ??
    checkBoolean(body, 'stream') ??
    checkMetadata(body.metadata) ??
    checkTools(body.tools) ??
    checkToolChoice(body.tool_choice, body.tools) ??
    checkCacheControl('cache_control', body.cache_control) ??
    extraField('', body, REQUEST_FIELDS);
  return error ? fail(error) : { ok: true, request: body as FakeMessagesRequest };
}

function checkModel(model: unknown): AnthropicErrorReply | undefined {
  if (model === undefined) return fieldError('model', FIELD_REQUIRED);
  if (typeof model !== 'string') return fieldError('model', NOT_A_STRING);
  return model === '' ? fieldError('model', 'String should have at least 1 character') : undefined;
}

function checkMaxTokens(value: unknown): AnthropicErrorReply | undefined {
  if (value === undefined) return fieldError('max_tokens', FIELD_REQUIRED);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fieldError('max_tokens', 'Input should be a valid integer');
  }
  return value < 1
    ? fieldError('max_tokens', 'Input should be greater than or equal to 1')
    : undefined;
}

function checkStopSequences(value: unknown): AnthropicErrorReply | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fieldError('stop_sequences', NOT_A_LIST);
  const index = value.findIndex((item) => typeof item !== 'string');
  return index === -1 ? undefined : fieldError(`stop_sequences.${index}`, NOT_A_STRING);
}

function checkNumber(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): AnthropicErrorReply | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fieldError(field, 'Input should be a valid number');
  }
  if (value < min) return fieldError(field, `Input should be greater than or equal to ${min}`);
  if (value > max) return fieldError(field, `Input should be less than or equal to ${max}`);
  return undefined;
}

function checkTopK(value: unknown): AnthropicErrorReply | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fieldError('top_k', 'Input should be a valid integer');
  }
  return value < 0 ? fieldError('top_k', 'Input should be greater than or equal to 0') : undefined;
}

function checkBoolean(
  body: Record<string, unknown>,
  field: string,
): AnthropicErrorReply | undefined {
  const value = body[field];
  if (value === undefined || typeof value === 'boolean') return undefined;
  return fieldError(field, 'Input should be a valid boolean');
}

function checkMetadata(value: unknown): AnthropicErrorReply | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return fieldError('metadata', NOT_AN_OBJECT);
  const userId = value.user_id;
  if (userId !== undefined && userId !== null && typeof userId !== 'string') {
    return fieldError('metadata.user_id', NOT_A_STRING);
  }
  return extraField('metadata', value, new Set(['user_id']));
}

function checkTools(tools: unknown): AnthropicErrorReply | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return fieldError('tools', NOT_A_LIST);
  const names = new Set<string>();
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    if (!isObject(tool)) return fieldError(`tools.${i}`, NOT_AN_OBJECT);
    const isCustom = tool.type === undefined || tool.type === null || tool.type === 'custom';
    // Pydantic names the union member: tools.0.custom.input_schema
    const path = isCustom ? `tools.${i}.custom` : `tools.${i}`;
    if (tool.name === undefined) return fieldError(`${path}.name`, FIELD_REQUIRED);
    if (typeof tool.name !== 'string') return fieldError(`${path}.name`, NOT_A_STRING);
    if (names.has(tool.name)) return invalidRequest('tools: Tool names must be unique.');
    names.add(tool.name);
    if (!isCustom) continue;
    if (tool.input_schema === undefined) return fieldError(`${path}.input_schema`, FIELD_REQUIRED);
    if (!isObject(tool.input_schema)) return fieldError(`${path}.input_schema`, NOT_AN_OBJECT);
    if (tool.input_schema.type !== 'object') {
      return fieldError(`${path}.input_schema.type`, "Input should be 'object'");
    }
    if (tool.description !== undefined && typeof tool.description !== 'string') {
      return fieldError(`${path}.description`, NOT_A_STRING);
    }
    const error = checkCacheControl(`${path}.cache_control`, tool.cache_control);
    if (error) return error;
  }
  return undefined;
}

function checkToolChoice(choice: unknown, tools: unknown): AnthropicErrorReply | undefined {
  if (choice === undefined) return undefined;
  if (!isObject(choice)) return fieldError('tool_choice', NOT_AN_OBJECT);
  const { type } = choice;
  if (typeof type !== 'string' || !TOOL_CHOICE_TYPES.includes(type)) {
    const expected = TOOL_CHOICE_TYPES.map((name) => `'${name}'`).join(', ');
    return fieldError(
      'tool_choice',
      `Input tag '${String(type)}' found using 'type' does not match any of the expected tags: ${expected}`,
    );
  }
  if (type === 'tool' && choice.name === undefined) {
    return fieldError('tool_choice.tool.name', FIELD_REQUIRED);
  }
  if (type === 'tool' && typeof choice.name !== 'string') {
    return fieldError('tool_choice.tool.name', NOT_A_STRING);
  }
  const offered = Array.isArray(tools) ? (tools as { name?: unknown }[]) : [];
  if ((type === 'any' || type === 'tool') && offered.length === 0) {
    return invalidRequest(
      'tool_choice: `tool_choice` may only be specified while providing tools.',
    );
  }
  if (type === 'tool' && !offered.some((tool) => tool.name === choice.name)) {
    return invalidRequest(`tool_choice: Tool '${String(choice.name)}' not found in \`tools\`.`);
  }
  return undefined;
}

function fail(error: AnthropicErrorReply): MessagesRequestValidation {
  return { ok: false, error };
}
