import type { ChatCompletionRequest } from '@conduit/contracts';
import { exactCacheKey } from './cache-key';

/** What a semantic lookup compares: the last user message, and everything else by hash. */
export interface SemanticQuery {
  /** The last message's text (a user message, text only). */
  text: string;
  /** Exact key of the request without that message: the context a match must share. */
  contextHash: string;
}

/**
 * The semantic part of a request, or null when it has none: only a conversation that ends
 * with a user message of plain text can be matched by meaning (an image, audio or a tool
 * result at the end is matched exactly or not at all).
 */
export function semanticQueryOf(
  tenant: string,
  canonicalModel: string,
  request: ChatCompletionRequest,
): SemanticQuery | null {
  const last = request.messages.at(-1);
  if (last?.role !== 'user') return null;
  let text: string;
  if (typeof last.content === 'string') {
    text = last.content;
  } else {
    if (!last.content.every((part) => part.type === 'text')) return null;
    text = last.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
  }
  if (text.trim().length === 0) return null;
  const context = {
    ...request,
    // The marker keeps "no earlier messages" apart from any real conversation.
    messages: [...request.messages.slice(0, -1), { role: 'user' as const, content: '\u0000last' }],
  };
  return { text, contextHash: exactCacheKey(tenant, canonicalModel, context) };
}
