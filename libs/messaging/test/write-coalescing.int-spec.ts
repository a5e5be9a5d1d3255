import { natsUrlForTests } from '@conduit/testing';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { coalesceWritesPerTurn } from '../src/write-coalescing';

/** Counts the socket writes of a connection (nats.js' transport `send`). */
function countWrites(connection: NatsConnection): () => number {
  const transport = (
    connection as unknown as { protocol: { transport: { send(d: Uint8Array): void } } }
  ).protocol.transport;
  const send = transport.send.bind(transport);
  let writes = 0;
  transport.send = (data) => {
    writes++;
    send(data);
  };
  return () => writes;
}

/** Publishes one message from each of `count` callbacks that run in the same event-loop turn. */
function publishFromSeparateCallbacks(connection: NatsConnection, subject: string, count: number) {
  return new Promise<void>((resolve) => {
    for (let i = 0; i < count; i++) {
      setImmediate(() => {
        connection.publish(subject, new TextEncoder().encode(String(i)));
        if (i === count - 1) resolve();
      });
    }
  });
}

describe('coalescing NATS writes per event-loop turn (real NATS)', () => {
  let plain: NatsConnection;
  let coalesced: NatsConnection;
  let receiver: NatsConnection;

  beforeAll(async () => {
    const servers = await natsUrlForTests();
    [plain, coalesced, receiver] = await Promise.all([
      connect({ servers }),
      connect({ servers }),
      connect({ servers }),
    ]);
    // nats.js' shape is what the patch relies on: an upgrade that changes it fails here.
    expect(coalesceWritesPerTurn(coalesced)).toBe(true);
  });

  afterAll(async () => {
    await Promise.all([plain, coalesced, receiver].map((connection) => connection?.close()));
  });

  it('sends what the callbacks of one turn published in one write, in order, all delivered', async () => {
    const subject = `test.coalesce.${randomUUID()}`;
    const received: string[] = [];
    const sub = receiver.subscribe(subject, {
      max: 20,
      callback: (_error, message) => received.push(message.string()),
    });
    await receiver.flush();

    const plainWrites = countWrites(plain);
    await publishFromSeparateCallbacks(plain, `${subject}.unused`, 10);
    await plain.flush();
    // Without coalescing every callback is a write of its own (the flush's PING is one more).
    expect(plainWrites()).toBeGreaterThanOrEqual(10);

    const writes = countWrites(coalesced);
    await publishFromSeparateCallbacks(coalesced, subject, 10);
    await publishFromSeparateCallbacks(coalesced, subject, 10);
    await coalesced.flush();
    expect(writes()).toBeLessThanOrEqual(3);
    await sub.closed;
    expect(received).toEqual([...Array(10).keys(), ...Array(10).keys()].map(String));
  });

  it('still answers a lone request at once, with no timer in the way', async () => {
    const subject = `test.coalesce.echo.${randomUUID()}`;
    receiver.subscribe(subject, { callback: (_error, message) => message.respond(message.data) });
    await receiver.flush();
    const reply = await coalesced.request(subject, new TextEncoder().encode('ping'), {
      timeout: 1000,
    });
    expect(reply.string()).toBe('ping');
  });
});
