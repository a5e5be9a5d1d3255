import { EMBED_TEXTS_PER_MESSAGE } from '@conduit/contracts';

/** Text bytes per message: with JSON overhead the request stays well under NATS' 1 MB default. */
export const EMBED_MESSAGE_MAX_TEXT_BYTES = 384 * 1024;

/** Texts `[start, end)` of one `embedding.v1.embed` message. */
export interface EmbedMessageRange {
  start: number;
  end: number;
}

/**
 * Splits texts, in order, into messages of at most `EMBED_TEXTS_PER_MESSAGE` texts and about
 * `maxBytes` of UTF-8 text (large chunk settings would otherwise push 32 texts past the bus's
 * payload limit). A text larger than `maxBytes` travels alone.
 */
export function planEmbedMessages(
  texts: readonly string[],
  maxTexts = EMBED_TEXTS_PER_MESSAGE,
  maxBytes = EMBED_MESSAGE_MAX_TEXT_BYTES,
): EmbedMessageRange[] {
  const messages: EmbedMessageRange[] = [];
  let start = 0;
  let bytes = 0;
  texts.forEach((text, i) => {
    const size = Buffer.byteLength(text, 'utf8');
    if (i > start && (i - start >= maxTexts || bytes + size > maxBytes)) {
      messages.push({ start, end: i });
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (start < texts.length) messages.push({ start, end: texts.length });
  return messages;
}
