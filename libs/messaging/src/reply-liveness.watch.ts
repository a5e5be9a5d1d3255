import { createInbox, type NatsConnection, type Subscription } from 'nats';

/**
 * Request header naming the subject on which the handler's replica publishes heartbeats while
 * it works on the request (see `startReplyHeartbeat`).
 */
export const LIVENESS_HEADER = 'Conduit-Liveness';

/**
 * How often a replica beats. The first beat comes after one interval, so a request answered
 * faster than that costs no heartbeat at all.
 */
export const REPLY_HEARTBEAT_MS = 1_000;

/** A liveness window used when a request asks for liveness and the client sets none. */
export const DEFAULT_REPLY_LIVENESS_MS = 3_000;

export interface LivenessWatch {
  /** Where the replica must beat: goes in the LIVENESS_HEADER. */
  subject: string;
  stop(): void;
}

/**
 * Client side of reply liveness: tells a dead replica (killed, partitioned, stuck) from a slow
 * one within seconds, instead of at the request timeout. One wildcard subscription per
 * connection carries the heartbeats of every request in flight — no subscription per request —
 * and each watch is one timer, pushed back by each beat and cleared on the reply.
 */
export class ReplyLivenessWatch {
  private prefix = '';
  private subscription?: Subscription;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private next = 0;

  constructor(private readonly connection: NatsConnection) {}

  /** Calls `onLost` once if no heartbeat arrives for `windowMs`, unless stopped first. */
  watch(windowMs: number, onLost: () => void): LivenessWatch {
    this.subscribeOnce();
    const token = (this.next++).toString(36);
    const timer = setTimeout(() => {
      this.timers.delete(token);
      onLost();
    }, windowMs);
    this.timers.set(token, timer);
    return {
      subject: `${this.prefix}.${token}`,
      stop: () => {
        clearTimeout(timer);
        this.timers.delete(token);
      },
    };
  }

  private subscribeOnce(): void {
    if (this.subscription) return;
    this.prefix = createInbox();
    const tokenAt = this.prefix.length + 1;
    this.subscription = this.connection.subscribe(`${this.prefix}.*`, {
      callback: (error, message) => {
        if (error) return;
        // refresh(): the same timer restarted, cheaper than a new one per beat.
        this.timers.get(message.subject.slice(tokenAt))?.refresh();
      },
    });
  }
}
