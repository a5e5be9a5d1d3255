import type { ServerResponse } from 'node:http';
import { once } from 'node:events';

/**
 * Server-sent events as OpenAI frames them (`data: <json>\n\n`, ending in `data: [DONE]`), or
 * as Anthropic does (`event: <type>\ndata: <json>\n\n`).
 */
export class SseWriter {
  constructor(private readonly response: ServerResponse) {}

  open(headers: Record<string, string>): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // No Connection header of our own: Node answers keep-alive, or close when the client
      // sent `Connection: close` (a fixed keep-alive here would override the client's wish).
      // Tell reverse proxies (nginx) not to buffer: tokens must reach the client as they come.
      'x-accel-buffering': 'no',
      ...headers,
    });
    this.response.flushHeaders();
  }

  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  /** Writes one unnamed event, waiting for the socket to drain when the client reads slowly. */
  data(payload: unknown): Promise<void> {
    return this.write(`data: ${JSON.stringify(payload)}\n\n`);
  }

  /** Writes one named event (`event: <name>`), as Anthropic's API does. */
  event(name: string, payload: unknown): Promise<void> {
    return this.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  private async write(frame: string): Promise<void> {
    if (this.closed) return;
    if (!this.response.write(frame)) {
      await Promise.race([once(this.response, 'drain'), once(this.response, 'close')]);
    }
  }

  done(): void {
    if (this.closed) return;
    this.response.end('data: [DONE]\n\n');
  }

  end(): void {
    if (!this.closed) this.response.end();
  }
}
