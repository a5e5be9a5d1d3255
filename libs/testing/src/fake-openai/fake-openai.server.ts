import { createServer, type Server } from 'node:http';
import { AbortCounter } from './abort-counter';
import { defaultReply, defaultToolArguments } from './chat-completion.plan';
import type {
  FakeEmbeddingModel,
  FakeOpenAIFault,
  FakeOpenAIServerOptions,
  RecordedRequest,
} from './fake-openai.types';
import { createRequestListener } from './request-listener';
import { listenOnLoopback } from '../listen-on-loopback';

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o'];
const DEFAULT_EMBEDDING_MODELS: Record<string, FakeEmbeddingModel> = {
  'text-embedding-3-small': { dimensions: 1536, supportsDimensions: true },
  'text-embedding-3-large': { dimensions: 3072, supportsDimensions: true },
  'text-embedding-ada-002': { dimensions: 1536, supportsDimensions: false },
};

/**
 * A wire-faithful stand-in for api.openai.com's Chat Completions and Embeddings APIs on
 * 127.0.0.1, with scripted faults. Plain `node:http` keeps it cheap enough to be the zero-latency baseline
 * of the gateway benchmark.
 */
export class FakeOpenAIServer {
  /** Requests in arrival order (unless `recordRequests: false`). `reset()` empties this same array. */
  readonly requests: RecordedRequest[] = [];
  private readonly faults: FakeOpenAIFault[] = [];
  private readonly aborts = new AbortCounter();
  private readonly embeddingInputs: number[] = [];
  private readonly server: Server;
  private listeningPort = 0;
  // Connections we destroy in stop() are not clients walking away.
  private stopping = false;
  private stopped: Promise<void> | undefined;

  private constructor(options: FakeOpenAIServerOptions) {
    const modelList = [...(options.models ?? DEFAULT_MODELS)];
    this.server = createServer(
      createRequestListener({
        modelList,
        models: new Set(modelList),
        apiKey: options.apiKey,
        reply: options.reply ?? defaultReply,
        toolArguments: options.toolArguments ?? defaultToolArguments,
        recordRequests: options.recordRequests ?? true,
        requests: this.requests,
        faults: this.faults,
        embeddingModels: new Map(
          Object.entries(options.embeddingModels ?? DEFAULT_EMBEDDING_MODELS),
        ),
        onClientAbort: () => {
          if (!this.stopping) this.aborts.increment();
        },
        onEmbeddingCall: (inputs) => this.embeddingInputs.push(inputs),
      }),
    );
  }

  /** Listens on 127.0.0.1 on a random free port. */
  static async start(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
    const fake = new FakeOpenAIServer(options);
    fake.listeningPort = await listenOnLoopback(fake.server);
    return fake;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** `http://127.0.0.1:<port>/v1`, ready for the SDK's `baseURL`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.listeningPort}/v1`;
  }

  /**
   * Responses whose client closed the connection before the response finished: in practice
   * streams, and hung or delayed requests (a zero-latency JSON answer leaves no window to abort).
   */
  get abortedStreams(): number {
    return this.aborts.count;
  }

  /** `POST /v1/embeddings` requests answered with vectors (faults and refusals not counted). */
  get embeddingCalls(): number {
    return this.embeddingInputs.length;
  }

  /** Inputs of each of those requests, in arrival order: proof of how callers batch. */
  get embeddingInputsPerCall(): readonly number[] {
    return [...this.embeddingInputs];
  }

  /** Faults apply to the next requests, one fault per request, in order (FIFO). */
  enqueueFault(...faults: FakeOpenAIFault[]): void {
    this.faults.push(...faults);
  }

  /** Resolves when `abortedStreams` reaches `n`; rejects after `timeoutMs`. */
  waitForAbortedStreams(n: number, timeoutMs = 5000): Promise<void> {
    return this.aborts.waitFor(n, timeoutMs);
  }

  /** Clears recorded requests, pending faults and the abort and embedding counters; open connections are left alone. */
  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.aborts.reset();
    this.embeddingInputs.length = 0;
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
