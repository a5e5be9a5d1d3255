import type { ChatMessage, GroundingContext } from '@conduit/contracts';

/**
 * The system message of a grounded chat: the numbered sources and the rule to answer from
 * them only, citing `[n]`. With no source found the model is told to say so rather than
 * answer from its own knowledge.
 */
export function groundingMessage(context: GroundingContext): ChatMessage {
  const content =
    context.sources.length === 0
      ? 'No document in the knowledge base matches the question. Say that you cannot answer it ' +
        'from the available documents; do not answer from general knowledge.'
      : 'Answer the question using only the numbered sources below. Cite the sources you use ' +
        'as [1], [2], … after the statements they support. If the sources do not contain the ' +
        'answer, say so; do not answer from general knowledge.\n\nSources:\n\n' +
        context.context;
  return { role: 'system', content };
}

/** The text of the conversation's last user message: what a grounded chat retrieves for. */
export function lastUserText(messages: readonly ChatMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role !== 'user') continue;
    const text =
      typeof message.content === 'string'
        ? message.content
        : message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
    return text.trim().length > 0 ? text : null;
  }
  return null;
}
