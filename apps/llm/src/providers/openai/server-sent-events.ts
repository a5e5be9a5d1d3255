/** One event of a `text/event-stream` body: its `event` field, if any, and its data lines. */
export interface ServerSentEvent {
  event: string | undefined;
  data: string;
}

const LINE_END = /\r\n|\r|\n/;

/**
 * Parses a `text/event-stream` body (decoded text chunks, split anywhere) into events, as the
 * WHATWG EventSource rules say: lines end in CRLF, LF or CR; a blank line ends an event;
 * `data:` lines join with "\n"; one space after the colon is dropped; `:` lines are comments;
 * fields we do not use (`id`, `retry`) are ignored. An event left open when the body ends is
 * still delivered (providers that close without a final blank line exist).
 */
export async function* serverSentEvents(
  body: AsyncIterable<string>,
): AsyncGenerator<ServerSentEvent> {
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  for await (const chunk of body) {
    buffer += chunk;
    for (;;) {
      const match = LINE_END.exec(buffer);
      if (!match) break;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (match[0] === '\r' && match.index === buffer.length - 1) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (data.length > 0) yield { event, data: data.join('\n') };
        data = [];
        event = undefined;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
    }
  }
  if (buffer !== '' && buffer.startsWith('data:')) {
    data.push(buffer.slice(5).replace(/^ /, '').replace(/\r$/, ''));
  }
  if (data.length > 0) yield { event, data: data.join('\n') };
}
