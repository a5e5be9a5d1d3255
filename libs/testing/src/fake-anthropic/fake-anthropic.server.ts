import { createServer, type Server } from 'node:http';
import { AbortCounter } from '../fake-openai/abort-counter';
import type { RecordedRequest } from '../fake-openai/fake-openai.types';
import type { FakeAnthropicFault, FakeAnthropicServerOptions } from './fake-anthropic.types';
import { defaultReply } from './message.plan';
import { DEFAULT_MODELS } from './models.handler';
import { PromptCache } from './prompt-cache';
import { createRequestListener } from './request-listener';
import { defaultToolInput } from './tool-input';
import { listenOnLoopback } from '../listen-on-loopback';

// The Messages API's documented request size limit.
const DEFAULT_MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/**
 * A wire-faithful stand-in for api.anthropic.com's Messages API on 127.0.0.1, with scripted
 * faults. Same shape as `FakeOpenAIServer`, so tests drive both providers alike.
 */
export class FakeAnthropicServer {
  /** Requests in arrival order (unless `recordRequests: false`). `reset()` empties this same array. */
  readonly requests: RecordedRequest[] = [];
  private readonly faults: FakeAnthropicFault[] = [];
  private readonly aborts = new AbortCounter();
  private readonly cache = new PromptCache();
  private readonly server: Server;
  private listeningPort = 0;
  // Connections we destroy in stop() are not clients walking away.
  private stopping = false;
  private stopped: Promise<void> | undefined;

  private constructor(options: FakeAnthropicServerOptions) {
    this.server = createServer(
      createRequestListener({
        modelList: [...(options.models ?? DEFAULT_MODELS)],
        models: options.models ? new Set(options.models) : undefined,
        apiKey: options.apiKey,
        reply: options.reply ?? defaultReply,
        toolInput: options.toolInput ?? defaultToolInput,
        cache: this.cache,
        recordRequests: options.recordRequests ?? true,
        requests: this.requests,
        faults: this.faults,
        maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
        onClientAbort: () => {
          if (!this.stopping) this.aborts.increment();
        },
      }),
    );
  }

  /** Listens on 127.0.0.1 on a random free port. */
  static async start(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
    const fake = new FakeAnthropicServer(options);
    fake.listeningPort = await listenOnLoopback(fake.server);
    return fake;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** `http://127.0.0.1:<port>`, ready for the Anthropic SDK's `baseURL` (its paths start with `/v1`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.listeningPort}`;
  }

  /**
   * Responses whose client closed the connection before the response finished: in practice
   * streams, and hung or delayed requests (a zero-latency JSON answer leaves no window to abort).
   */
  get abortedStreams(): number {
    return this.aborts.count;
  }

  /** Faults apply to the next requests, one fault per request, in order (FIFO). */
  enqueueFault(...faults: FakeAnthropicFault[]): void {
    this.faults.push(...faults);
  }

  /** Resolves when `abortedStreams` reaches `n`; rejects after `timeoutMs`. */
  waitForAbortedStreams(n: number, timeoutMs = 5000): Promise<void> {
    return this.aborts.waitFor(n, timeoutMs);
  }

  /** Clears recorded requests, pending faults, the abort counter and the prompt cache; open connections are left alone. */
  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.aborts.reset();
    this.cache.clear();
  }

  /** Closes the listener and every open socket, including hung and streaming ones. */
  stop(): Promise<void> {
    // Idempotent, so an explicit stop in a test and a blanket one in afterAll can coexist.
    this.stopped ??= new Promise((resolve, reject) => {
      this.stopping = true;
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
    return this.stopped;
  }
}
