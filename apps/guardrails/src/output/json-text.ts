import type { OutputScanRequest } from '@conduit/contracts';
import { JSON_TEXT_START, lexStateAfter, type JsonLexState } from './json-text.lexer';

/** Tool-call arguments, or the content of an answer whose response format is JSON. */
export function isJsonText(request: OutputScanRequest): boolean {
  if (request.toolCall !== undefined) return true;
  const format = request.responseFormat?.type;
  return format === 'json_object' || format === 'json_schema';
}

/**
 * Where a JSON text's lexer stands at the start of a stateless window (null: not JSON). The
 * window is the tail of the answer so far (`answer`, which the gateway sends mid-stream when
 * they differ), so the part before it says whether the window begins inside a string.
 */
export function jsonStartOf(request: OutputScanRequest): JsonLexState | null {
  if (!isJsonText(request)) return null;
  const { answer, text } = request;
  if (answer === null || answer.length <= text.length || !answer.endsWith(text)) {
    return JSON_TEXT_START;
  }
  return lexStateAfter(answer.slice(0, answer.length - text.length));
}
