import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The bench's view of the ledger's JetStream stream (`CONDUIT_LEDGER_<PREFIX>`; found by
 * subject, so the bench does not hard-code the naming rule): how many usage events wait for
 * the ledger at a given moment, and removing the stream at teardown — every run has a subject
 * prefix of its own, hence a stream of its own, which would otherwise stay on the shared NATS
 * server (file storage, kept for days).
 */
export async function ledgerStream({ connection, subjectPrefix }) {
  const jsm = await connection.jetstreamManager();
  const usageSubject = `${subjectPrefix}.ledger.v1.usage.recorded`;
  const streamName = async () => {
    try {
      return await jsm.streams.find(usageSubject);
    } catch {
      return undefined;
    }
  };
  return {
    /** Messages not yet delivered plus delivered but not acked, over every consumer; undefined if unknown. */
    async backlog() {
      const name = await streamName();
      if (!name) return undefined;
      try {
        let total = 0;
        for await (const consumer of jsm.consumers.list(name)) {
          total += consumer.num_pending + consumer.num_ack_pending;
        }
        return total;
      } catch {
        return undefined;
      }
    },
    async deleteStream() {
      const name = await streamName();
      if (name) await jsm.streams.delete(name);
    },
  };
}

/** The bench's own NATS connection (the ledger stream, the hop timings). */
export function connectBus(natsUrl) {
  const { connect } = require('nats');
  return connect({ servers: natsUrl, name: `bench-${process.pid}` });
}
