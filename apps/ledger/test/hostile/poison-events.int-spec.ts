import { Events, type BudgetView } from '@conduit/contracts';
import { DeadLetterReplayer, encodeJson, prefixedSubject } from '@conduit/messaging';
import { connect, type NatsConnection } from 'nats';
import { databaseFailureKind } from '../../src/database/database-failure';
import { LedgerDatabase } from '../../src/database/ledger-database';
import { eventually } from '../support/eventually';
import { requestLogEvent, usageEvent } from '../support/events';
import { createKey, createTeam, uniqueName } from '../support/fixtures';
import { startTestLedger, type TestLedger } from '../support/ledger-for-tests';

const NUL = '\u0000';
const LONE_HIGH = '\uD83D';
const LONE_LOW = '\uDE00';

/**
 * Events Postgres would refuse, and a flood of poison from one tenant, against the real ledger
 * (NATS, JetStream, Postgres): text is stored, poison is dead-lettered, other tenants are booked.
 */
describe('hostile durable events', () => {
  let ledger: TestLedger;
  let nats: NatsConnection;

  beforeAll(async () => {
    // A small bound keeps the test short; the default is 10.
    ledger = await startTestLedger({ LEDGER_CONSUMER_MAX_DELIVERIES: '3' });
    nats = await connect({ servers: ledger.bus.env.NATS_URL });
  });
  afterAll(async () => {
    await nats?.close();
    await ledger?.close();
  });

  const sql = <T extends Record<string, unknown>>(query: string, params: unknown[]) =>
    ledger.schema.sql<T>(query, params);

  it('classifies the refusal of a NUL by Postgres as a data error (permanent)', async () => {
    const db = ledger.get(LedgerDatabase);
    const refusal = await db.client.$queryRaw`SELECT ${`a${NUL}b`}::text AS t`.catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Error);
    expect(databaseFailureKind(refusal)).toBe('data');
  });

  it('stores a usage event whose text and jsonb hold NUL and lone surrogates', async () => {
    const team = await createTeam(ledger.client);
    const key = await createKey(ledger.client, { team_id: team.id });
    const requestId = uniqueName('req-nul');
    await ledger.publisher.publishDurable(
      Events.ledgerUsageRecorded,
      usageEvent(requestId, key.id, team.id, 1_000, {
        requestedModel: `gpt${NUL}-4o${LONE_HIGH}`,
        priceVersion: `v${LONE_LOW}1${NUL}`,
        guardrails: [{ scanner: 'pii', kind: `email${NUL}${LONE_HIGH}`, action: 'redacted' }],
      }),
      { msgId: requestId },
    );
    await eventually(async () => {
      const rows = await sql<{ requested_model: string; price_version: string; g: string }>(
        `SELECT requested_model, price_version, guardrails::text AS g
           FROM usage_events WHERE request_id = $1`,
        [requestId],
      );
      expect(rows).toEqual([
        {
          requested_model: 'gpt\uFFFD-4o\uFFFD',
          price_version: 'v\uFFFD1\uFFFD',
          g: expect.stringContaining('"email\uFFFD\uFFFD"') as unknown,
        },
      ]);
    });
  });

  it('stores a request log whose prompt and answer hold NUL and lone surrogates', async () => {
    const requestId = uniqueName('req-log');
    await ledger.publisher.publishDurable(
      Events.ledgerRequestLogged,
      requestLogEvent(requestId, {
        model: `m${NUL}`,
        request: JSON.stringify({ messages: [{ role: 'user', content: `hi${NUL}` }] }).replace(
          'hi',
          `hi${NUL}${LONE_LOW}`,
        ),
        response: `answer ${NUL} ${LONE_HIGH}${LONE_LOW} ${LONE_HIGH}`,
      }),
      { msgId: `${requestId}:log` },
    );
    await eventually(async () => {
      const rows = await sql<{ model: string; request: string; response: string }>(
        `SELECT model, request, response FROM request_logs WHERE request_id = $1`,
        [requestId],
      );
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row.model).toBe('m\uFFFD');
      expect(row.request).toContain('hi\uFFFD\uFFFD');
      expect(row.request).not.toContain(NUL);
      // A well-formed pair is kept; the lone half is replaced.
      expect(row.response).toBe(`answer \uFFFD ${LONE_HIGH}${LONE_LOW} \uFFFD`);
    });
  });

  it("books another tenant's usage and settles its hold within seconds behind 300 poison events", async () => {
    const prefix = ledger.bus.env.NATS_SUBJECT_PREFIX;
    const subject = prefixedSubject({ subjectPrefix: prefix }, Events.ledgerUsageRecorded);
    const js = nats.jetstream();
    const attacker = await createTeam(ledger.client);
    const attackerKey = await createKey(ledger.client, { team_id: attacker.id });

    // 150 the contract refuses and 150 Postgres refuses (an int column overflows): all poison.
    const poison: Array<Promise<unknown>> = [];
    for (let index = 0; index < 150; index++) {
      const id = uniqueName('poison-invalid');
      poison.push(js.publish(subject, encodeJson({ requestId: id, keyId: 42 }), { msgID: id }));
      const refusedId = uniqueName('poison-refused');
      poison.push(
        ledger.publisher.publishDurable(
          Events.ledgerUsageRecorded,
          usageEvent(refusedId, attackerKey.id, attacker.id, 1, { inputTokens: 3_000_000_000 }),
          { msgId: refusedId },
        ),
      );
    }
    await Promise.all(poison);

    const victim = await createTeam(ledger.client);
    const victimKey = await createKey(ledger.client, {
      team_id: victim.id,
      budget: { amount_usd: 1, period: 'monthly' },
    });
    const requestId = uniqueName('victim');
    await ledger.client.request('ledger.v1.budget.reserve', {
      requestId,
      keyId: victimKey.id,
      amountMicroUsd: 50_000,
    });
    const published = Date.now();
    await ledger.publisher.publishDurable(
      Events.ledgerUsageRecorded,
      usageEvent(requestId, victimKey.id, victim.id, 20_000),
      { msgId: requestId },
    );

    await eventually(async () => {
      const [reservation] = await sql<{ status: string }>(
        `SELECT status FROM reservations WHERE request_id = $1`,
        [requestId],
      );
      expect(reservation?.status).toBe('settled');
    }, 5_000);
    expect(Date.now() - published).toBeLessThan(5_000);
    const { data } = await ledger.client.request('ledger.v1.key.list', {});
    expect(data.find((k) => k.id === victimKey.id)!.budget).toMatchObject<Partial<BudgetView>>({
      reserved_micro_usd: 0,
      spent_micro_usd: 20_000,
    });

    // Every poison event ends in the dead-letter stream, none is left circling.
    const replayer = new DeadLetterReplayer(nats, prefix);
    await eventually(async () => expect(await replayer.list()).toHaveLength(300), 20_000);
    const reasons = new Map<string, number>();
    for (const letter of await replayer.list()) {
      reasons.set(letter.reason, (reasons.get(letter.reason) ?? 0) + 1);
    }
    expect(Object.fromEntries(reasons)).toEqual({ invalid: 150, permanent: 150 });
    await eventually(async () =>
      expect(await ledger.consumerBacklog()).toEqual({ pending: 0, unacked: 0 }),
    );
  });
});
