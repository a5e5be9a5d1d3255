import { ValidationError } from '@conduit/contracts';

// Everything in the reply but the vectors (field names, model id, charge), generously.
const ENVELOPE_BYTES = 2048;

/** Bytes of one vector in the reply: base64 of float32, in quotes, with a comma. */
export function packedVectorBytes(dimensions: number): number {
  return 4 * Math.ceil((dimensions * 4) / 3) + 3;
}

/**
 * Refuses, before any work, an embed message whose reply NATS could not carry (`max_payload`,
 * 1 MB by default): 256 texts of 1536 dimensions are 2 MB. Without this the vectors would be
 * computed and charged, and the reply lost.
 */
export function assertReplyFits(
  texts: number,
  dimensions: number,
  maxPayloadBytes: number | undefined,
): void {
  if (maxPayloadBytes === undefined || maxPayloadBytes <= 0) return;
  const perVector = packedVectorBytes(dimensions);
  if (ENVELOPE_BYTES + texts * perVector <= maxPayloadBytes) return;
  const fits = Math.max(1, Math.floor((maxPayloadBytes - ENVELOPE_BYTES) / perVector));
  throw new ValidationError(
    `${texts} vectors of ${dimensions} dimensions do not fit in one reply (NATS max_payload is ${maxPayloadBytes} bytes): send at most ${fits} texts per message.`,
    { code: 'reply_too_large', param: 'texts' },
  );
}
