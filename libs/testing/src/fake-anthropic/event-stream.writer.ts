import type { Exchange } from '../fake-openai/exchange';
import type { FakeAnthropicErrorType } from './fake-anthropic.types';
import { sseFrame } from './message.events';
import { startEventStream } from './response-writer';

// Named like a real event: the SDK skips frames without an `event:` line, so a bare
// `data: {not json` would be ignored instead of exercising the client's parse failure.
export const MALFORMED_FRAME = 'event: content_block_delta\ndata: {not json\n\n';

/** Stream faults, as counts of frames (every SSE event, `ping` included). */
export interface StreamFaults {
  chunkIntervalMs?: number;
  disconnectAfterChunks?: number;
  malformedAfterChunks?: number;
  errorAfterChunks?: number;
  error?: { type: FakeAnthropicErrorType; message: string };
}

const DEFAULT_STREAM_ERROR = { type: 'overloaded_error', message: 'Overloaded' } as const;

/** Write an SSE response: the frames, perturbed by at most the given faults. */
export async function writeEventStream(
  exchange: Exchange,
  frames: string[],
  faults: StreamFaults,
): Promise<void> {
  if (exchange.closed) return;
  startEventStream(exchange);
  const { res } = exchange;
  const {
    chunkIntervalMs = 0,
    disconnectAfterChunks,
    malformedAfterChunks,
    errorAfterChunks,
  } = faults;

  if (
    chunkIntervalMs <= 0 &&
    disconnectAfterChunks === undefined &&
    malformedAfterChunks === undefined &&
    errorAfterChunks === undefined
  ) {
    // Zero-latency path: one write. The bytes are the same SSE frames; only TCP packetisation differs.
    res.end(frames.join(''));
    return;
  }

  // Counts past the end mean "just before message_stop": a faulted stream never ends cleanly.
  const last = frames.length - 1;
  const clamp = (count: number | undefined): number =>
    count === undefined ? -1 : Math.max(0, Math.min(count, last));
  const cutAt = clamp(disconnectAfterChunks);
  const malformedAt = clamp(malformedAfterChunks);
  const errorAt = clamp(errorAfterChunks);
  let sent = 0;
  const send = async (frame: string): Promise<boolean> => {
    if (chunkIntervalMs > 0 && sent > 0 && !(await exchange.sleep(chunkIntervalMs))) return false;
    if (exchange.closed) return false;
    res.write(frame);
    sent++;
    return true;
  };

  for (let i = 0; i < frames.length; i++) {
    if (i === cutAt) {
      res.flushHeaders();
      exchange.cutConnection();
      return;
    }
    if (i === malformedAt && !(await send(MALFORMED_FRAME))) return;
    if (i === errorAt) {
      // Anthropic reports a mid-stream failure as an `error` event, then ends the response normally.
      const error = faults.error ?? DEFAULT_STREAM_ERROR;
      if (await send(sseFrame('error', { type: 'error', error }))) res.end();
      return;
    }
    if (!(await send(frames[i]))) return;
  }
  res.end();
}
