import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortCounter } from './abort-counter';
import { defaultReply } from './chat-completion.plan';
import type { FakeOpenAIFault, FakeOpenAIServerOptions, RecordedRequest } from './fake-openai.types';
import { createRequestListener } from './request-listener';

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o'];

/**
 * A wire-faithful stand-in for api.openai.com's Chat Completions API on 127.0.0.1, with
 * scripted faults. Plain `node:http` keeps it cheap enough to be the zero-latency baseline
 * of the gateway benchmark.
 */
export class FakeOpenAIServer {
  readonly baseUrl: string;
  /** Requests in arrival order (unless `recordRequests: false`). `reset()` empties this same array. */
  readonly requests: RecordedRequest[] = [];
  private readonly faults: FakeOpenAIFault[] = [];
  private readonly aborts = new AbortCounter();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
  }

  static async start(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
    const modelList = [...(options.models ?? DEFAULT_MODELS)];
    // The listener needs the instance's arrays before the port (and so the instance) exists.
    let instance: FakeOpenAIServer | undefined;
    const server = createServer();
    server.on(
      'request',
      createRequestListener({
        modelList,
        models: new Set(modelList),
        apiKey: options.apiKey,
        reply: options.reply ?? defaultReply,
        recordRequests: options.recordRequests ?? true,
        get requests() {
          return instance!.requests;
        },
        get faults() {
          return instance!.faults;
        },
        onClientAbort: () => instance!.aborts.increment(),
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    instance = new FakeOpenAIServer(server, (server.address() as AddressInfo).port);
    return instance;
  }

  /** Streaming (or hung, or delayed) responses whose client closed the connection before the response finished. */
  get abortedStreams(): number {
    return this.aborts.count;
  }

  /** Faults apply to the next requests, one fault per request, in order (FIFO). */
  enqueueFault(...faults: FakeOpenAIFault[]): void {
    this.faults.push(...faults);
  }

  /** Resolves when `abortedStreams` reaches `n`; rejects after `timeoutMs`. */
  waitForAbortedStreams(n: number, timeoutMs = 5000): Promise<void> {
    return this.aborts.waitFor(n, timeoutMs);
  }

  /** Clears recorded requests, pending faults and the abort counter; open connections are left alone. */
  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.aborts.reset();
  }

  /** Closes the listener and every open socket, including hung and streaming ones. */
  stop(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }
}
