import { ErrorPayloadSchema, type ErrorPayload } from '@conduit/contracts';
import { z } from 'zod';

/** A reply on the wire: data or an error as data, never a thrown object. */
export const ReplyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
]);
export type ReplyEnvelope = { ok: true; data: unknown } | { ok: false; error: ErrorPayload };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(data: Uint8Array): unknown {
  return JSON.parse(decoder.decode(data)) as unknown;
}
