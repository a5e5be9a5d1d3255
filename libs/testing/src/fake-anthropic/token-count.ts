import type {
  FakeAnthropicContentBlock,
  FakeAnthropicMessage,
  FakeCacheControl,
  FakeMessagesRequest,
} from './fake-anthropic.types';
import { toJsonText } from './json-text';

/*
 * The fake's token formula. Claude's tokenizer is not public, so the fake uses a rule a test
 * can compute by hand instead of an approximation nobody can check:
 *
 * - a token is a word with its leading whitespace (`/\s*\S+/`); trailing whitespace is one
 *   more token. `"Fake reply to: hi"` is 4 tokens: `Fake`, ` reply`, ` to:`, ` hi`.
 * - input tokens = for each tool: name + description + its `input_schema` written as JSON
 *   (`toJsonText`); each system text block; for each message 3 tokens plus its blocks:
 *   text → the text, `tool_use` → name + input as JSON, `tool_result` → its text content,
 *   other blocks (images, documents…) → 0.
 * - output tokens = the tokens of each text block, plus name + input JSON of each `tool_use`
 *   block; at least 1, as Anthropic bills even an empty reply.
 */

export const TOKENS_PER_MESSAGE = 3;
const PIECE = /\s*\S+|\s+/g;

/** The text split into tokens; joining them gives the text back. */
export function tokenPieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

export function countTokens(text: string): number {
  return tokenPieces(text).length;
}

/**
 * One cacheable unit of the prompt, in Anthropic's cache order: tools, then system, then
 * messages, one unit per content block. `key` identifies the unit for prompt caching.
 */
export interface PromptSegment {
  key: string;
  tokens: number;
  cacheControl: FakeCacheControl | undefined;
}

export function promptSegments(request: FakeMessagesRequest): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const tool of request.tools ?? []) {
    const tokens =
      countTokens(tool.name) +
      countTokens(tool.description ?? '') +
      (tool.input_schema === undefined ? 0 : countTokens(toJsonText(tool.input_schema)));
    segments.push(segment('tool', tool, tokens));
  }
  const { system } = request;
  if (typeof system === 'string') {
    if (system.length > 0) segments.push(segment('system', { text: system }, countTokens(system)));
  } else {
    for (const block of system ?? []) {
      segments.push(segment('system', block, countTokens(block.text ?? '')));
    }
  }
  for (const message of request.messages) {
    const blocks = messageBlocks(message);
    blocks.forEach((block, index) => {
      const overhead = index === 0 ? TOKENS_PER_MESSAGE : 0;
      segments.push(segment(message.role, block, overhead + blockTokens(block)));
    });
    if (blocks.length === 0) segments.push(segment(message.role, {}, TOKENS_PER_MESSAGE));
  }
  return segments;
}

export function countInputTokens(request: FakeMessagesRequest): number {
  let total = 0;
  for (const { tokens } of promptSegments(request)) total += tokens;
  return total;
}

/** The concatenated text blocks of a message's content. */
export function contentText(content: FakeAnthropicMessage['content']): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const block of content) if (block.type === 'text') text += block.text ?? '';
  return text;
}

/** Text of the last user message: what the default reply and tool input echo. */
export function lastUserText(request: FakeMessagesRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message.role === 'user') return contentText(message.content);
  }
  return '';
}

function messageBlocks(message: FakeAnthropicMessage): FakeAnthropicContentBlock[] {
  const { content } = message;
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function blockTokens(block: FakeAnthropicContentBlock): number {
  switch (block.type) {
    case 'text':
      return countTokens(block.text ?? '');
    case 'tool_use':
      return countTokens(String(block.name)) + countTokens(toJsonText(block.input));
    case 'tool_result': {
      const content = block.content;
      if (typeof content === 'string') return countTokens(content);
      if (!Array.isArray(content)) return 0;
      return countTokens(contentText(content as FakeAnthropicContentBlock[]));
    }
    default:
      return 0;
  }
}

function segment(kind: string, value: object, tokens: number): PromptSegment {
  const cacheControl = (value as { cache_control?: FakeCacheControl | null }).cache_control;
  // Moving a breakpoint must not change the prefix it used to mark, so cache_control is no part of the key.
  const rest: Record<string, unknown> = { ...value };
  delete rest.cache_control;
  return { key: JSON.stringify([kind, rest]), tokens, cacheControl: cacheControl ?? undefined };
}
