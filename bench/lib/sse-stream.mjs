// Reads one OpenAI-style SSE response and times it. Done by hand (not with the openai SDK)
// so the client adds as little work as possible and we see the exact wire: every frame,
// whether `[DONE]` arrived, and whether the gateway slipped in an error event.

const decoder = () => new TextDecoder('utf-8');

/**
 * Consumes `body` (a web ReadableStream of bytes). `startedAt` is the `performance.now()`
 * taken just before the request was sent.
 *
 * Returns `{ ok, ttftMs, totalMs, frames, problem }`. TTFT is measured to the arrival of the
 * first frame whose delta carries non-empty `content`: OpenAI (and the fake) open with a
 * role-only frame (`"content":""`), which is not a token yet.
 */
export async function readChatStream(body, startedAt) {
  const text = decoder();
  let buffer = '';
  let ttftMs;
  let frames = 0;
  let done = false;
  let problem;

  const onFrame = (event) => {
    // An SSE event may span several `data:` lines; OpenAI never does that, but join them anyway.
    let data = '';
    for (const line of event.split('\n')) {
      if (line.startsWith('data:')) data += line.slice(line.startsWith('data: ') ? 6 : 5);
    }
    if (data === '') return; // comments / keep-alives
    frames++;
    if (done) {
      problem ??= 'data after [DONE]';
      return;
    }
    if (data === '[DONE]') {
      done = true;
      return;
    }
    let chunk;
    try {
      chunk = JSON.parse(data);
    } catch {
      problem ??= `malformed frame: ${data.slice(0, 120)}`;
      return;
    }
    if (chunk.error) {
      problem ??= `error event: ${JSON.stringify(chunk.error).slice(0, 200)}`;
      return;
    }
    if (
      ttftMs === undefined &&
      chunk.choices?.some((c) => typeof c.delta?.content === 'string' && c.delta.content !== '')
    ) {
      ttftMs = performance.now() - startedAt;
    }
  };

  for await (const bytes of body) {
    buffer += text.decode(bytes, { stream: true });
    // SSE allows CRLF line ends; normalise the whole (small) buffer so a CR and its LF split
    // across two reads still pair up.
    if (buffer.includes('\r')) buffer = buffer.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      onFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  buffer += text.decode();
  const totalMs = performance.now() - startedAt;
  if (buffer.trim() !== '') problem ??= `unterminated frame at end: ${buffer.slice(0, 120)}`;
  if (!done) problem ??= 'stream ended without data: [DONE]';
  if (ttftMs === undefined) problem ??= 'no content token in the stream';
  return { ok: problem === undefined, ttftMs, totalMs, frames, problem };
}
