import { readChatStream } from './sse-stream.mjs';
import { chatBody, EXPECTED_REPLY } from './targets.mjs';

/**
 * One request of each kind per target before any load: proves both paths return the fake's
 * real answer (not an error that happens to be fast, nor another model's reply), so the
 * numbers that follow compare like with like. A target with `noStreaming` gets the JSON
 * request only. Returns the requests sent (for the ledger check) and the stream's frame
 * count for the report (undefined when not streamed).
 */
export async function checkTarget(target) {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: target.headers,
    body: chatBody(target.model, false),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `${target.label}: non-streaming check got HTTP ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  const content = JSON.parse(text).choices?.[0]?.message?.content;
  if (content !== EXPECTED_REPLY) {
    throw new Error(
      `${target.label}: unexpected reply ${JSON.stringify(content)} (want ${JSON.stringify(EXPECTED_REPLY)})`,
    );
  }
  if (target.noStreaming) return { requests: 1, framesPerStream: undefined };

  const startedAt = performance.now();
  const streamed = await fetch(target.url, {
    method: 'POST',
    headers: target.headers,
    body: chatBody(target.model, true),
    signal: AbortSignal.timeout(10_000),
  });
  if (streamed.status !== 200) {
    throw new Error(
      `${target.label}: streaming check got HTTP ${streamed.status}: ${(await streamed.text()).slice(0, 300)}`,
    );
  }
  const result = await readChatStream(streamed.body, startedAt);
  if (!result.ok) throw new Error(`${target.label}: streaming check failed: ${result.problem}`);
  return { requests: 2, framesPerStream: result.frames };
}
