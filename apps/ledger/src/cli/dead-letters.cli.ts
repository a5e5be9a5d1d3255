import { DeadLetterReplayer } from '@conduit/messaging';
import { connect } from 'nats';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run dead-letters -- list|replay [--event <name>] [--seq <n>]

  list     print the dead-lettered events, one JSON object per line (oldest first)
  replay   republish them to their original subject with their original message id, and
           remove each from the dead-letter stream once its stream acknowledged it
  --event  only events of this name, e.g. ledger.v1.usage.recorded
  --seq    only the dead letter with this sequence (as printed by list)

NATS_URL (default nats://127.0.0.1:4222) and NATS_SUBJECT_PREFIX pick the bus and stream.`;

/**
 * The operator's way back from the dead-letter stream: after the cause is fixed, `replay`
 * hands the events to the ledger again; its idempotency by request id makes a repeat harmless.
 */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { event: { type: 'string' }, seq: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || positionals.length !== 1 || (command !== 'list' && command !== 'replay')) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const seq = values.seq === undefined ? undefined : Number(values.seq);
  if (seq !== undefined && !(Number.isSafeInteger(seq) && seq > 0)) {
    console.error(`--seq must be a positive integer, not '${values.seq}'.`);
    return 2;
  }
  const connection = await connect({
    servers: process.env.NATS_URL || 'nats://127.0.0.1:4222',
    name: 'conduit-dead-letters',
  });
  try {
    const replayer = new DeadLetterReplayer(
      connection,
      process.env.NATS_SUBJECT_PREFIX || undefined,
    );
    const filter = { event: values.event, seq };
    if (command === 'list') {
      const letters = await replayer.list(filter);
      for (const letter of letters) console.log(JSON.stringify(letter));
      console.error(`${letters.length} dead letter(s).`);
      return 0;
    }
    const outcomes = await replayer.replay(filter);
    for (const { deadLetter, outcome } of outcomes) {
      console.log(
        JSON.stringify({
          outcome,
          seq: deadLetter.seq,
          event: deadLetter.event,
          msgId: deadLetter.msgId,
        }),
      );
    }
    const kept = outcomes.filter(({ outcome }) => outcome === 'duplicate').length;
    console.error(
      `${outcomes.length - kept} replayed` +
        (kept
          ? `, ${kept} kept (inside the stream's duplicate window: replay again in 2 minutes).`
          : '.'),
    );
    return 0;
  } finally {
    await connection.drain();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
