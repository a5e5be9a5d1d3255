import type { NatsConnection } from 'nats';

/** The parts of nats.js' (v2) protocol handler this file relies on. */
interface ProtocolHandler {
  outbound: {
    length(): number;
    size(): number;
    fill(data: Uint8Array, ...more: Uint8Array[]): void;
  };
  pendingLimit: number;
  sendCommand(cmd: string | Uint8Array, ...payloads: Uint8Array[]): void;
  flushPending(): void;
}

const utf8 = new TextEncoder();

/**
 * Makes the connection write what it has to send once per event-loop turn instead of once per
 * microtask checkpoint, and says whether it could.
 *
 * nats.js buffers outgoing messages and writes them to the socket in a microtask, so every
 * callback that publishes (one per HTTP request, per reply, per stream chunk) costs its own write
 * system call. Under load those writes were the biggest single cost of every service: a quarter
 * of the gateway's CPU profile sat in `writeBuffer` under `node_transport.send`. Flushing in
 * `setImmediate` instead sends everything the callbacks of one turn published in one write; an
 * idle connection still writes at the end of the current turn, before any timer, so no request
 * waits on a clock.
 *
 * nats.js has no option for this, so its protocol handler's `sendCommand` is replaced with the
 * same logic and a different scheduler. When the handler does not have the expected shape (a
 * nats.js upgrade changed it), nothing is changed and false is returned;
 * `write-coalescing.spec.ts` fails on such an upgrade.
 */
export function coalesceWritesPerTurn(connection: NatsConnection): boolean {
  const protocol = (connection as unknown as { protocol?: Partial<ProtocolHandler> }).protocol;
  if (!isProtocolHandler(protocol)) return false;
  let flushQueued = false;
  protocol.sendCommand = function sendCommand(cmd, ...payloads) {
    this.outbound.fill(typeof cmd === 'string' ? utf8.encode(cmd) : cmd, ...payloads);
    if (this.outbound.size() >= this.pendingLimit) {
      // A full buffer is written at once, as nats.js does.
      this.flushPending();
      return;
    }
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      this.flushPending();
    });
  };
  return true;
}

function isProtocolHandler(value: Partial<ProtocolHandler> | undefined): value is ProtocolHandler {
  return (
    typeof value?.sendCommand === 'function' &&
    typeof value.flushPending === 'function' &&
    typeof value.pendingLimit === 'number' &&
    typeof value.outbound?.fill === 'function' &&
    typeof value.outbound.size === 'function'
  );
}
