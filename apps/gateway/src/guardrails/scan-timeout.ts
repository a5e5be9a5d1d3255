import type { ChatMessage, InputScanRequest, OutputScanRequest } from '@conduit/contracts';

/**
 * How long one scan may take: the configured base, plus an allowance per KB of text, because
 * scanning is linear in the text and a megabyte prompt cannot be scanned as fast as a short
 * one (a flat timeout would make every large prompt a 503).
 */
export function scanTimeoutMs(baseMs: number, perKbMs: number, chars: number): number {
  return baseMs + Math.ceil(chars / 1024) * perKbMs;
}

export function inputScanChars(request: InputScanRequest): number {
  let chars = 0;
  for (const message of request.messages) chars += messageChars(message);
  return chars;
}

export function outputScanChars(request: OutputScanRequest): number {
  return request.text.length + (request.answer?.length ?? 0) + (request.systemPrompt?.length ?? 0);
}

function messageChars(message: ChatMessage): number {
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let chars = 0;
  for (const part of content as Array<{ text?: unknown }>) {
    if (typeof part.text === 'string') chars += part.text.length;
  }
  return chars;
}
