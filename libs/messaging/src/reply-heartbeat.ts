import type { MsgHdrs, NatsConnection } from 'nats';
import { LIVENESS_HEADER, REPLY_HEARTBEAT_MS } from './reply-liveness.watch';

// A subject the caller's own client can subscribe to: tokens of printable, non-space characters.
const SUBJECT = /^[!-~]{1,256}$/;

/**
 * Server side of reply liveness: when the request names a liveness subject, beats on it every
 * REPLY_HEARTBEAT_MS while the handler runs (the first beat after one interval, so a fast handler
 * sends none). A beat that cannot be sent (the connection closed) ends the beating: the caller
 * then notices this replica is gone, which is the point. Returns the stop, or undefined.
 */
export function startReplyHeartbeat(
  connection: NatsConnection,
  headers: MsgHdrs | undefined,
): (() => void) | undefined {
  const subject = headers?.get(LIVENESS_HEADER);
  if (!subject || !SUBJECT.test(subject)) return undefined;
  const timer = setInterval(() => {
    try {
      connection.publish(subject);
    } catch {
      clearInterval(timer);
    }
  }, REPLY_HEARTBEAT_MS);
  return () => clearInterval(timer);
}
