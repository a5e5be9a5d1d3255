/** One SSE `data:` payload, parsed when it is JSON (`[DONE]` stays a string). */
export type SseData = Record<string, unknown> | string;

/**
 * Reads a raw SSE response event by event, so a test can act mid-stream (kill a service, cut
 * NATS, walk away) and time what happens next — which the SDKs' iterators hide.
 */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffered = '';
  readonly events: SseData[] = [];

  constructor(response: Response) {
    if (!response.body) throw new Error('response has no body');
    this.reader = response.body.getReader();
  }

  /** The next event, or undefined when the stream ended. */
  async next(): Promise<SseData | undefined> {
    for (;;) {
      const end = this.buffered.indexOf('\n\n');
      if (end >= 0) {
        const frame = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 2);
        const line = frame.split('\n').find((part) => part.startsWith('data: '));
        if (!line) continue;
        const raw = line.slice('data: '.length);
        const event: SseData = raw.startsWith('{')
          ? (JSON.parse(raw) as Record<string, unknown>)
          : raw;
        this.events.push(event);
        return event;
      }
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.buffered += this.decoder.decode(value, { stream: true });
    }
  }

  /** Reads until `count` events carried answer text. */
  async contentChunks(count: number): Promise<void> {
    let seen = 0;
    while (seen < count) {
      const event = await this.next();
      if (event === undefined) throw new Error(`stream ended after ${seen} content chunks`);
      if (contentOf(event)) seen++;
    }
  }

  /** Reads to the end; returns the last event. */
  async rest(): Promise<SseData | undefined> {
    while ((await this.next()) !== undefined);
    return this.events.at(-1);
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

function contentOf(event: SseData): string {
  if (typeof event === 'string') return '';
  const choices = event['choices'] as Array<{ delta?: { content?: string } }> | undefined;
  return choices?.[0]?.delta?.content ?? '';
}
