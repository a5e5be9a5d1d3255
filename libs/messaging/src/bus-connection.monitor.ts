import { DebugEvents, Events, type NatsConnection } from 'nats';

type Listener = () => void;

/**
 * Whether this process is connected to NATS right now, as nats.js reports it. While it
 * reconnects, nats.js would buffer requests and let them time out long after the outage began;
 * knowing the state lets the client fail them at once instead.
 */
export class BusConnectionMonitor {
  private up = true;
  private readonly lostListeners = new Set<Listener>();
  private readonly restoredListeners = new Set<Listener>();

  constructor(
    connection: NatsConnection,
    private readonly onListenerError: (error: unknown) => void,
  ) {
    void (async () => {
      // The iterator ends when the connection closes.
      for await (const status of connection.status()) {
        switch (status.type) {
          case Events.Disconnect:
          case DebugEvents.Reconnecting:
          case DebugEvents.StaleConnection:
            this.change(false);
            break;
          case Events.Reconnect:
            this.change(true);
            break;
        }
      }
    })();
  }

  get connected(): boolean {
    return this.up;
  }

  /** Called each time the connection is lost; returns the unsubscribe. */
  onLost(listener: Listener): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Called after every reconnection; returns the unsubscribe. */
  onRestored(listener: Listener): () => void {
    this.restoredListeners.add(listener);
    return () => this.restoredListeners.delete(listener);
  }

  private change(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    // Copied: a listener typically unsubscribes itself.
    for (const listener of [...(up ? this.restoredListeners : this.lostListeners)]) {
      try {
        listener();
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
