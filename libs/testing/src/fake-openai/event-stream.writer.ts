import { DONE_FRAME } from './chat-completion.chunks';
import type { Exchange } from './exchange';
import { startEventStream } from './response-writer';

export const MALFORMED_FRAME = 'data: {not json\n\n';

/** Stream faults, as frame counts; frames are the JSON chunks, `[DONE]` excluded. */
export interface StreamFaults {
  chunkIntervalMs?: number;
  disconnectAfterChunks?: number;
  malformedAfterChunks?: number;
}

/** Write an SSE response: the frames, then `[DONE]`, perturbed by at most the given faults. */
export async function writeEventStream(
  exchange: Exchange,
  frames: string[],
  faults: StreamFaults,
): Promise<void> {
  if (exchange.closed) return;
  startEventStream(exchange);
  const { res } = exchange;
  const { chunkIntervalMs = 0, disconnectAfterChunks, malformedAfterChunks } = faults;

  if (
    chunkIntervalMs <= 0 &&
    disconnectAfterChunks === undefined &&
    malformedAfterChunks === undefined
  ) {
    // Zero-latency path: one write. The bytes are the same SSE frames; only TCP packetisation differs.
    res.end(frames.join('') + DONE_FRAME);
    return;
  }

  // Counts past the end mean "just before [DONE]": a cut stream never ends cleanly.
  const cutAt =
    disconnectAfterChunks === undefined ? -1 : Math.min(disconnectAfterChunks, frames.length);
  const malformedAt =
    malformedAfterChunks === undefined ? -1 : Math.min(malformedAfterChunks, frames.length);
  let sent = 0;
  const send = async (frame: string): Promise<boolean> => {
    if (chunkIntervalMs > 0 && sent > 0 && !(await exchange.sleep(chunkIntervalMs))) return false;
    if (exchange.closed) return false;
    res.write(frame);
    sent++;
    return true;
  };

  for (let i = 0; i <= frames.length; i++) {
    if (i === cutAt) {
      res.flushHeaders();
      exchange.cutConnection();
      return;
    }
    if (i === malformedAt && !(await send(MALFORMED_FRAME))) return;
    if (i < frames.length && !(await send(frames[i]))) return;
  }
  if (chunkIntervalMs > 0 && !(await exchange.sleep(chunkIntervalMs))) return;
  res.end(DONE_FRAME);
}
