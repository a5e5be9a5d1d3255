import { natsUrlForTests } from '@conduit/testing';
import { connect, ErrorCode, NatsError, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { settleRequestsQuietly } from '../src/quiet-request-settlement';

const encode = (text: string) => new TextEncoder().encode(text);

describe('settling NATS requests without a cancellation error (real NATS)', () => {
  let client: NatsConnection;
  let server: NatsConnection;

  beforeAll(async () => {
    const servers = await natsUrlForTests();
    [client, server] = await Promise.all([
      connect({ servers, noAsyncTraces: true }),
      connect({ servers }),
    ]);
    // nats.js' shape is what the patch relies on: an upgrade that changes it fails here.
    expect(settleRequestsQuietly()).toBe(true);
  });

  afterAll(async () => {
    await Promise.all([client, server].map((connection) => connection?.close()));
  });

  it('answers requests without building an error for each, and leaves no request behind', async () => {
    const subject = `test.quiet.${randomUUID()}`;
    server.subscribe(subject, { callback: (_error, message) => message.respond(message.data) });
    await server.flush();
    const errorForCode = jest.spyOn(NatsError, 'errorForCode');
    try {
      const replies = await Promise.all(
        ['a', 'b', 'c'].map((text) => client.request(subject, encode(text), { timeout: 2_000 })),
      );
      expect(replies.map((reply) => reply.string())).toEqual(['a', 'b', 'c']);
      expect(errorForCode).not.toHaveBeenCalled();
    } finally {
      errorForCode.mockRestore();
    }
    const mux = (client as unknown as { protocol: { muxSubscriptions: { size(): number } } })
      .protocol.muxSubscriptions;
    expect(mux.size()).toBe(0);
  });

  it('still rejects a request nobody answers in time, and one nobody listens to', async () => {
    const silent = `test.quiet.silent.${randomUUID()}`;
    server.subscribe(silent, { callback: () => undefined });
    await server.flush();
    await expect(client.request(silent, encode('x'), { timeout: 200 })).rejects.toMatchObject({
      code: ErrorCode.Timeout,
    });
    await expect(
      client.request(`test.quiet.nobody.${randomUUID()}`, encode('x'), { timeout: 2_000 }),
    ).rejects.toMatchObject({ code: ErrorCode.NoResponders });
  });
});
