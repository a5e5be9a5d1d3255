import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * A nats-server (with JetStream) of a test's own, on a random port, that the test may kill and
 * restart to play an outage — the shared server other tests use is never touched. Needs the
 * `nats-server` binary: `NATS_SERVER_BIN`, else /usr/sbin/nats-server, else the PATH.
 */
export class DedicatedNatsServer {
  private process?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  static async start(): Promise<DedicatedNatsServer> {
    const server = new DedicatedNatsServer(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'conduit-nats-')),
    );
    await server.restart();
    return server;
  }

  /** False between `kill` and `restart`. */
  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts the server again on the same port and store (after `kill`). */
  async restart(): Promise<void> {
    const binary =
      process.env.NATS_SERVER_BIN ??
      (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');
    const child = spawn(
      binary,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      { stdio: 'ignore' },
    );
    this.process = child;
    for (let attempt = 0; attempt < 100; attempt++) {
      if (child.exitCode !== null) throw new Error(`nats-server exited (${child.exitCode})`);
      if (await accepting(this.port)) return;
      await sleep(50);
    }
    throw new Error(`nats-server did not listen on ${this.port}`);
  }

  /** SIGKILL: connections drop at once, as in a crash or a network cut. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
