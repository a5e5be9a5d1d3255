import { invalidRequest, type AnthropicErrorReply } from './anthropic-error';
import {
  extraField,
  FIELD_REQUIRED,
  fieldError,
  isObject,
  NOT_A_LIST,
  NOT_A_STRING,
  NOT_AN_OBJECT,
} from './field-error';

const MESSAGE_FIELDS: ReadonlySet<string> = new Set(['role', 'content']);
const TEXT_BLOCK_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'text',
  'cache_control',
  'citations',
]);
const BLOCK_TYPES = [
  'text',
  'image',
  'document',
  'search_result',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'container_upload',
  'mcp_tool_use',
  'mcp_tool_result',
];
const KNOWN_BLOCK_TYPES: ReadonlySet<string> = new Set(BLOCK_TYPES);

/**
 * `messages`, with the real API's wording, including its cross-message rule that tool calls
 * and tool results pair up: the mistake a gateway translating between APIs is likeliest to make.
 */
export function checkMessages(messages: unknown): AnthropicErrorReply | undefined {
  if (messages === undefined) return fieldError('messages', FIELD_REQUIRED);
  if (!Array.isArray(messages)) return fieldError('messages', NOT_A_LIST);
  if (messages.length === 0) return fieldError('messages', 'at least one message is required');
  for (let i = 0; i < messages.length; i++) {
    const isFinal = i === messages.length - 1;
    const error = checkMessage(`messages.${i}`, messages[i] as unknown, isFinal);
    if (error) return error;
  }
  return checkToolPairing(messages as Record<string, unknown>[]);
}

/** `system`: a string or a list of text blocks. */
export function checkSystem(system: unknown): AnthropicErrorReply | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return fieldError('system', NOT_A_LIST);
  for (let i = 0; i < system.length; i++) {
    const block: unknown = system[i];
    const path = `system.${i}`;
    if (!isObject(block)) return fieldError(path, NOT_AN_OBJECT);
    if (block.type !== 'text') return fieldError(`${path}.type`, "Input should be 'text'");
    const error = checkTextBlock(path, block, 'system');
    if (error) return error;
  }
  return undefined;
}

/** `cache_control` of a block or tool, or the top-level one. */
export function checkCacheControl(path: string, value: unknown): AnthropicErrorReply | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return fieldError(path, NOT_AN_OBJECT);
  if (value.type !== 'ephemeral') return fieldError(`${path}.type`, "Input should be 'ephemeral'");
  if (value.ttl !== undefined && value.ttl !== '5m' && value.ttl !== '1h') {
    return fieldError(`${path}.ttl`, "Input should be '5m' or '1h'");
  }
  return extraField(path, value, new Set(['type', 'ttl']));
}

function checkMessage(
  path: string,
  message: unknown,
  isFinal: boolean,
): AnthropicErrorReply | undefined {
  if (!isObject(message)) return fieldError(path, NOT_AN_OBJECT);
  const { role, content } = message;
  if (role === undefined) return fieldError(`${path}.role`, FIELD_REQUIRED);
  if (role === 'system') {
    return invalidRequest(
      'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
    );
  }
  if (role !== 'user' && role !== 'assistant') {
    return fieldError(`${path}.role`, "Input should be 'user' or 'assistant'");
  }
  if (content === undefined) return fieldError(`${path}.content`, FIELD_REQUIRED);
  const extra = extraField(path, message, MESSAGE_FIELDS);
  if (extra) return extra;
  if (typeof content !== 'string' && !Array.isArray(content)) {
    return fieldError(`${path}.content`, NOT_A_LIST);
  }
  if (content.length === 0 && !(isFinal && role === 'assistant')) {
    return invalidRequest(
      `${path}: all messages must have non-empty content except for the optional final assistant message`,
    );
  }
  if (typeof content === 'string') return undefined;
  for (let j = 0; j < content.length; j++) {
    const error = checkBlock(`${path}.content.${j}`, content[j] as unknown);
    if (error) return error;
  }
  return undefined;
}

function checkBlock(path: string, block: unknown): AnthropicErrorReply | undefined {
  if (!isObject(block)) return fieldError(path, NOT_AN_OBJECT);
  const { type } = block;
  if (typeof type !== 'string') {
    return fieldError(path, "Unable to extract tag using discriminator 'type'");
  }
  if (!KNOWN_BLOCK_TYPES.has(type)) {
    const expected = BLOCK_TYPES.map((name) => `'${name}'`).join(', ');
    return fieldError(
      path,
      `Input tag '${type}' found using 'type' does not match any of the expected tags: ${expected}`,
    );
  }
  // Pydantic names the union member in the path: messages.0.content.1.tool_use.id
  const tagged = `${path}.${type}`;
  switch (type) {
    case 'text':
      return checkTextBlock(tagged, block, 'messages');
    case 'tool_use':
      return (
        requireString(tagged, block, 'id') ??
        requireString(tagged, block, 'name') ??
        (block.input === undefined ? fieldError(`${tagged}.input`, FIELD_REQUIRED) : undefined) ??
        (isObject(block.input)
          ? undefined
          : fieldError(`${tagged}.input`, 'Input should be a valid dictionary')) ??
        checkCacheControl(`${tagged}.cache_control`, block.cache_control)
      );
    case 'tool_result':
      return (
        requireString(tagged, block, 'tool_use_id') ??
        (block.content === undefined ||
        typeof block.content === 'string' ||
        Array.isArray(block.content)
          ? undefined
          : fieldError(`${tagged}.content`, NOT_A_LIST)) ??
        checkCacheControl(`${tagged}.cache_control`, block.cache_control)
      );
    default:
      return checkCacheControl(`${tagged}.cache_control`, block.cache_control);
  }
}

function checkTextBlock(
  path: string,
  block: Record<string, unknown>,
  field: 'messages' | 'system',
): AnthropicErrorReply | undefined {
  const error = requireString(path, block, 'text');
  if (error) return error;
  if (block.text === '') return invalidRequest(`${field}: text content blocks must be non-empty`);
  return (
    extraField(path, block, TEXT_BLOCK_FIELDS) ??
    checkCacheControl(`${path}.cache_control`, block.cache_control)
  );
}

function requireString(
  path: string,
  block: Record<string, unknown>,
  field: string,
): AnthropicErrorReply | undefined {
  const value = block[field];
  if (value === undefined) return fieldError(`${path}.${field}`, FIELD_REQUIRED);
  return typeof value === 'string' ? undefined : fieldError(`${path}.${field}`, NOT_A_STRING);
}

function blockIds(message: Record<string, unknown>, type: string, field: string): string[] {
  if (!Array.isArray(message.content)) return [];
  const ids: string[] = [];
  for (const block of message.content as unknown[]) {
    if (isObject(block) && block.type === type && typeof block[field] === 'string') {
      ids.push(block[field]);
    }
  }
  return ids;
}

function checkToolPairing(messages: Record<string, unknown>[]): AnthropicErrorReply | undefined {
  for (let i = 0; i < messages.length; i++) {
    const results = blockIds(messages[i], 'tool_result', 'tool_use_id');
    const previous = messages[i - 1];
    const offered = previous?.role === 'assistant' ? blockIds(previous, 'tool_use', 'id') : [];
    const orphan = results.find((id) => !offered.includes(id));
    if (orphan !== undefined) {
      return invalidRequest(
        `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${orphan}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
    // A trailing assistant turn is a prefill: its tool calls have no answer yet by design.
    const next = messages[i + 1];
    if (messages[i].role !== 'assistant' || next === undefined) continue;
    const answered = blockIds(next, 'tool_result', 'tool_use_id');
    const unanswered = blockIds(messages[i], 'tool_use', 'id').filter(
      (id) => !answered.includes(id),
    );
    if (unanswered.length > 0) {
      return invalidRequest(
        `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
  }
  return undefined;
}
