import type { ChatMessage, ContextSource } from '@conduit/contracts';

/**
 * The system message of a grounded chat: the numbered sources and the rule to answer from
 * them only, citing `[n]`. With no source found the model is told to say so rather than
 * answer from its own knowledge.
 */
export function groundingMessage(sources: readonly ContextSource[]): ChatMessage {
  const content =
    sources.length === 0
      ? 'No document in the knowledge base matches the question. Say that you cannot answer it ' +
        'from the available documents; do not answer from general knowledge.'
      : 'Answer the question using only the numbered sources below. Cite the sources you use ' +
        'as [1], [2], … after the statements they support. If the sources do not contain the ' +
        'answer, say so; do not answer from general knowledge.\n\nSources:\n\n' +
        renderSources(sources);
  return { role: 'system', content };
}

/**
 * `[1] (document <id>)\n<text>`, blank-line separated: the retrieval service's own rendering
 * (`context` of `retrieval.v1.context.build`), redone here because a source the guardrails
 * left out must leave the text too. The numbers stay those of `conduit.sources`.
 */
function renderSources(sources: readonly ContextSource[]): string {
  return sources
    .map((source) => `[${source.index}] (document ${source.document_id})\n${source.text}`)
    .join('\n\n');
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
