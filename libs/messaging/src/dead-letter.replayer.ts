import { headers as natsHeaders, type MsgHdrs, type NatsConnection } from 'nats';
import { DeadLetterHeaders, deadLetterStreamName, deadLetterSubject } from './dead-letter-stream';
import { jsErrorCode, JsErrorCodes, MSG_ID_HEADER } from './ledger-stream';

/** One dead-lettered event as an operator sees it. */
export interface DeadLetter {
  /** Its sequence in the dead-letter stream (what `--seq` names). */
  seq: number;
  event: string;
  /** Where it was published, and where a replay sends it back. */
  subject: string;
  msgId: string | null;
  reason: string;
  error: string;
  errorType: string;
  stream: string;
  streamSeq: number;
  deliveries: number;
  consumer: string;
  deadLetteredAt: string;
}

export interface DeadLetterFilter {
  /** An event name, e.g. `ledger.v1.usage.recorded` (unprefixed). */
  event?: string;
  /** One dead letter by its sequence in the dead-letter stream. */
  seq?: number;
}

export interface ReplayOutcome {
  deadLetter: DeadLetter;
  /**
   * `duplicate`: the original stream still remembers the message id (its duplicate window,
   * 2 min by default, has not passed since the original was published), so it stored nothing;
   * the dead letter is kept — replay it again later.
   */
  outcome: 'replayed' | 'duplicate';
}

const BATCH = 256;
const FETCH_EXPIRES_MS = 2_000;
const PUBLISH_TIMEOUT_MS = 5_000;

/**
 * Lists the dead-letter stream of one subject prefix and replays it: each dead letter is
 * republished to its original subject, with its original headers and message id (so the
 * consumer's idempotency by request id holds), and deleted once the original stream acked it.
 */
export class DeadLetterReplayer {
  private readonly streamName: string;

  constructor(
    private readonly connection: NatsConnection,
    private readonly subjectPrefix?: string,
  ) {
    this.streamName = deadLetterStreamName(subjectPrefix);
  }

  async list(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    const found: DeadLetter[] = [];
    for await (const message of this.read(filter)) found.push(describeDeadLetter(message));
    return found;
  }

  async replay(filter: DeadLetterFilter = {}): Promise<ReplayOutcome[]> {
    const js = this.connection.jetstream();
    const jsm = await this.connection.jetstreamManager();
    const outcomes: ReplayOutcome[] = [];
    for await (const message of this.read(filter)) {
      const deadLetter = describeDeadLetter(message);
      const ack = await js.publish(deadLetter.subject, message.data, {
        headers: originalHeaders(message.headers),
        msgID: deadLetter.msgId ?? undefined,
        // Only back into the stream it came from, never into whatever else binds the subject.
        expect: { streamName: deadLetter.stream },
        timeout: PUBLISH_TIMEOUT_MS,
      });
      if (ack.duplicate) {
        outcomes.push({ deadLetter, outcome: 'duplicate' });
        continue;
      }
      await jsm.streams.deleteMessage(this.streamName, message.seq, false);
      outcomes.push({ deadLetter, outcome: 'replayed' });
    }
    return outcomes;
  }

  /** The dead letters matching `filter`, oldest first. */
  private async *read(filter: DeadLetterFilter): AsyncGenerator<StoredDeadLetter> {
    const jsm = await this.connection.jetstreamManager();
    const subject = deadLetterSubject({ subjectPrefix: this.subjectPrefix }, filter.event ?? '>');
    if (filter.seq !== undefined) {
      const stored = await jsm.streams
        .getMessage(this.streamName, { seq: filter.seq })
        .catch((error: unknown) => {
          if (NOT_THERE.has(jsErrorCode(error) ?? 0)) return undefined;
          throw error;
        });
      if (stored && (filter.event === undefined || stored.subject === subject)) {
        yield { seq: stored.seq, data: stored.data, headers: stored.header };
      }
      return;
    }
    // Counted first: a fetch then asks for exactly what is there and never waits for more,
    // and dead letters arriving meanwhile are left for the next run.
    let remaining: number;
    try {
      const { state } = await jsm.streams.info(this.streamName, { subjects_filter: subject });
      remaining = Object.values(state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
    } catch (error) {
      if (jsErrorCode(error) === JsErrorCodes.streamNotFound) return;
      throw error;
    }
    if (remaining === 0) return;
    const consumer = await this.connection
      .jetstream()
      .consumers.get(this.streamName, { filterSubjects: subject });
    while (remaining > 0) {
      const batch = await consumer.fetch({
        max_messages: Math.min(BATCH, remaining),
        expires: FETCH_EXPIRES_MS,
      });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        remaining = message.info.pending === 0 ? 0 : remaining - 1;
        yield { seq: message.seq, data: message.data, headers: message.headers };
      }
      // Deleted meanwhile (another replay): nothing more to wait for.
      if (received === 0) return;
    }
  }
}

/** A dead letter as read from the stream, by consumer or by sequence. */
interface StoredDeadLetter {
  seq: number;
  data: Uint8Array;
  headers: MsgHdrs | undefined;
}

/** "Stream not found" and "no message found": nothing to list. */
const NOT_THERE = new Set<number>([JsErrorCodes.streamNotFound, 10037]);

function describeDeadLetter(message: StoredDeadLetter): DeadLetter {
  const header = (name: string) => message.headers?.get(name) ?? '';
  return {
    seq: message.seq,
    event: header(DeadLetterHeaders.event),
    subject: header(DeadLetterHeaders.subject),
    msgId: header(DeadLetterHeaders.originalMsgId) || null,
    reason: header(DeadLetterHeaders.reason),
    error: header(DeadLetterHeaders.error),
    errorType: header(DeadLetterHeaders.errorType),
    stream: header(DeadLetterHeaders.stream),
    streamSeq: Number(header(DeadLetterHeaders.streamSeq)),
    deliveries: Number(header(DeadLetterHeaders.deliveries)),
    consumer: header(DeadLetterHeaders.consumer),
    deadLetteredAt: header(DeadLetterHeaders.time),
  };
}

/** The headers the message was first published with (trace context…), minus our additions. */
function originalHeaders(stored: MsgHdrs | undefined): MsgHdrs {
  const headers = natsHeaders();
  const ours = new Set<string>([...Object.values(DeadLetterHeaders), MSG_ID_HEADER]);
  for (const key of stored?.keys() ?? []) {
    if (ours.has(key) || /^nats-/i.test(key)) continue;
    for (const value of stored!.values(key)) headers.append(key, value);
  }
  return headers;
}
