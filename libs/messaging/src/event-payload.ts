import {
  EventContracts,
  formatZodIssue,
  InternalError,
  type EventName,
  type EventOf,
} from '@conduit/contracts';
import { decodeJson, encodeJson } from './wire-format';

export type EventParseResult<E extends EventName> =
  { ok: true; payload: EventOf<E> } | { ok: false; reason: string };

/**
 * Decodes and validates an event body against its contract. Never throws: a subscriber
 * must survive whatever a misbehaving publisher sends, so the caller decides what to do
 * with a bad body (drop it, or terminate it on a stream).
 */
export function parseEventPayload<E extends EventName>(
  event: E,
  data: Uint8Array,
): EventParseResult<E> {
  let raw: unknown;
  try {
    raw = decodeJson(data);
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const result = EventContracts[event].safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      reason: `payload breaks the contract: ${formatZodIssue(result.error).message}`,
    };
  }
  return { ok: true, payload: result.data as EventOf<E> };
}

/**
 * Validates an outgoing event and encodes it. A publisher that breaks its own contract is a
 * bug on our side, hence InternalError; the parsed body is sent, so unknown keys (which could
 * carry data the event must not) are stripped.
 */
export function encodeEvent(event: EventName, payload: unknown): Uint8Array {
  const result = EventContracts[event].safeParse(payload);
  if (!result.success) {
    throw new InternalError(
      `The '${event}' event breaks its contract: ${formatZodIssue(result.error).message}`,
      { code: 'invalid_event' },
    );
  }
  return encodeJson(result.data);
}
