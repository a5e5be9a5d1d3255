import { Subjects, type ServiceName } from '@conduit/contracts';
import { natsUrlForTests, uniqueSubjectPrefix } from '@conduit/testing';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, createInbox, type NatsConnection } from 'nats';
import {
  decodeJson,
  encodeJson,
  Handle,
  HandlerRegistry,
  healthReport,
  MessagingModule,
  replicaName,
} from '../src';

const HEALTH_SCRIPT = resolve(__dirname, '../../../infra/healthcheck/nats-health.cjs');

/**
 * Every replica answers its health check on a subject of its own, outside the queue group, and
 * the container health check (infra/healthcheck/nats-health.cjs) asks exactly that replica.
 */
describe('per-replica health checks over real NATS', () => {
  let natsUrl: string;
  let subjectPrefix: string;
  let probe: NatsConnection;
  const apps: INestApplicationContext[] = [];
  const savedReplicaName = process.env.CONDUIT_REPLICA_NAME;

  @Injectable()
  class FakeService {
    constructor(
      private readonly name: string,
      private readonly healthy: boolean,
    ) {}

    @Handle(Subjects.llmHealthCheck)
    llm() {
      return healthReport(`llm-${this.name}`);
    }

    @Handle(Subjects.embeddingHealthCheck)
    embedding() {
      return healthReport(`embedding-${this.name}`, {
        provider: this.healthy ? { status: 'up' } : { status: 'down', detail: 'unreachable' },
      });
    }

    @Handle(Subjects.llmModelsList)
    models() {
      return { object: 'list' as const, data: [] };
    }
  }

  /** Boots a replica with `CONDUIT_REPLICA_NAME` set to `name` (unset when undefined). */
  async function boot(
    service: ServiceName,
    name: string | undefined,
    healthy = true,
  ): Promise<INestApplicationContext> {
    if (name === undefined) delete process.env.CONDUIT_REPLICA_NAME;
    else process.env.CONDUIT_REPLICA_NAME = name;
    @Module({
      imports: [MessagingModule.forRoot({ serviceName: service, natsUrl, subjectPrefix })],
      providers: [{ provide: FakeService, useValue: new FakeService(name ?? 'host', healthy) }],
    })
    class ReplicaModule {}
    const app = await NestFactory.createApplicationContext(ReplicaModule, { logger: false });
    await app.init();
    apps.push(app);
    return app;
  }

  /** Every reply to one request within `windowMs`: more than one means no queue group. */
  async function allReplies(subject: string, windowMs = 300): Promise<{ service: string }[]> {
    const inbox = createInbox();
    const replies: { service: string }[] = [];
    const subscription = probe.subscribe(inbox, {
      callback: (_error, message) => {
        // No subscriber at all: the server answers with an empty 503 status message.
        if (message.data.length === 0) return;
        const envelope = decodeJson(message.data) as { ok: boolean; data: { service: string } };
        replies.push(envelope.data);
      },
    });
    await probe.flush();
    probe.publish(`${subjectPrefix}.${subject}`, encodeJson({}), { reply: inbox });
    await sleep(windowMs);
    subscription.unsubscribe();
    return replies;
  }

  function runHealthScript(
    service: string,
    env: Record<string, string | undefined>,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const childEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: subjectPrefix,
      HEALTHCHECK_TIMEOUT_MS: '2000',
    };
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete childEnv[key];
      else childEnv[key] = value;
    }
    return new Promise((done) => {
      execFile(
        process.execPath,
        [HEALTH_SCRIPT, service],
        { env: childEnv },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          done({ code, stdout, stderr });
        },
      );
    });
  }

  beforeAll(async () => {
    natsUrl = await natsUrlForTests();
    subjectPrefix = uniqueSubjectPrefix();
    probe = await connect({ servers: natsUrl });
    await boot('llm', 'llm-a');
    // Not a valid subject token as it stands: dots and a slash become `_`.
    await boot('llm', 'pod.b/2');
  });

  afterAll(async () => {
    if (savedReplicaName === undefined) delete process.env.CONDUIT_REPLICA_NAME;
    else process.env.CONDUIT_REPLICA_NAME = savedReplicaName;
    for (const app of apps.reverse()) await app.close();
    await probe.close();
  });

  it('names the replica from CONDUIT_REPLICA_NAME, sanitised to one subject token', () => {
    expect(apps.map((app) => app.get(HandlerRegistry).replicaName)).toEqual(['llm-a', 'pod_b_2']);
    expect(replicaName({ CONDUIT_REPLICA_NAME: ' a.b*c>d e ' })).toBe('a_b_c_d_e');
    expect(replicaName({})).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('answers each replica subject from that replica alone', async () => {
    expect(await allReplies('llm.v1.health.check.replica.llm-a')).toEqual([
      expect.objectContaining({ service: 'llm-llm-a', status: 'up' }),
    ]);
    expect(await allReplies('llm.v1.health.check.replica.pod_b_2')).toEqual([
      expect.objectContaining({ service: 'llm-pod.b/2', status: 'up' }),
    ]);
    expect(await allReplies('llm.v1.health.check.replica.nobody')).toEqual([]);
  });

  it('still answers the queue subject once, from either replica', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const replies = await allReplies('llm.v1.health.check', 150);
      expect(replies).toHaveLength(1);
      seen.add(replies[0].service);
    }
    expect([...seen].every((service) => ['llm-llm-a', 'llm-pod.b/2'].includes(service))).toBe(true);
  });

  it('subscribes only health checks per replica, not other subjects', async () => {
    expect(await allReplies('llm.v1.models.list.replica.llm-a')).toEqual([]);
  });

  describe('infra/healthcheck/nats-health.cjs', () => {
    it('exits 0 when its own replica answers up', async () => {
      const result = await runHealthScript('llm', { CONDUIT_REPLICA_NAME: 'pod.b/2' });
      expect(result).toMatchObject({ code: 0, stdout: 'llm (pod_b_2): up\n' });
    });

    it('exits 1 for a replica name nobody serves, though the service is up', async () => {
      const result = await runHealthScript('llm', { CONDUIT_REPLICA_NAME: 'gone' });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/llm\.v1\.health\.check\.replica\.gone failed: no responders/);
    });

    it('exits 1 when its replica answers down', async () => {
      await boot('embedding', 'sick', false);
      const result = await runHealthScript('embedding', { CONDUIT_REPLICA_NAME: 'sick' });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/unhealthy/);
    });

    it('derives the same name from the host name when CONDUIT_REPLICA_NAME is unset', async () => {
      await boot('embedding', undefined);
      const result = await runHealthScript('embedding', { CONDUIT_REPLICA_NAME: undefined });
      expect(result).toMatchObject({ code: 0, stdout: `embedding (${replicaName({})}): up\n` });
    });

    it('exits 2 on an unknown service', async () => {
      expect((await runHealthScript('nope', {})).code).toBe(2);
    });
  });
});
