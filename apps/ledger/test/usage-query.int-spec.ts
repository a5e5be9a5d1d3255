import { Events, type UsageQueryRequest, type UsageReport } from '@conduit/contracts';
import { eventually } from './support/eventually';
import { usageEvent } from './support/events';
import { createKey, createTeam, createUser } from './support/fixtures';
import { startTestLedger, type TestLedger } from './support/ledger-for-tests';

/**
 * Seven requests over two days, two teams, three keys and two models, recorded through the
 * event stream like production. Costs are distinct powers of ten so every sum says which rows
 * it added up.
 */
describe('usage queries and export', () => {
  let ledger: TestLedger;
  let teamA: string;
  let teamB: string;
  let userA: string;
  let keyA1: string;
  let keyA2: string;
  let keyB: string;
  const day1 = '2026-03-01';
  const day2 = '2026-03-02';

  beforeAll(async () => {
    ledger = await startTestLedger();
    const [a, b] = await Promise.all([createTeam(ledger.client), createTeam(ledger.client)]);
    teamA = a.id;
    teamB = b.id;
    userA = (await createUser(ledger.client, teamA)).id;
    keyA1 = (await createKey(ledger.client, { team_id: teamA, user_id: userA })).id;
    keyA2 = (await createKey(ledger.client, { team_id: teamA })).id;
    keyB = (await createKey(ledger.client, { team_id: teamB })).id;
    const rows: [string, string, string, string | null, string, number, string][] = [
      // request id, key, team, user, model, cost, occurred at
      ['r1', keyA1, teamA, userA, 'local/echo', 1, `${day1}T01:00:00.000Z`],
      ['r2', keyA1, teamA, userA, 'openai/gpt-4o', 10, `${day1}T13:00:00.000Z`],
      ['r3', keyA2, teamA, null, 'local/echo', 100, `${day1}T13:00:00.000Z`],
      ['r4', keyB, teamB, null, 'local/echo', 1_000, `${day1}T23:59:59.999Z`],
      ['r5', keyA1, teamA, userA, 'local/echo', 10_000, `${day2}T00:00:00.000Z`],
      ['r6', keyA2, teamA, null, 'openai/gpt-4o', 100_000, `${day2}T08:30:00.000Z`],
      ['r7', keyB, teamB, null, 'openai/gpt-4o', 1_000_000, `${day2}T20:00:00.000Z`],
    ];
    for (const [requestId, keyId, teamId, userId, model, cost, occurredAt] of rows) {
      await ledger.publisher.publishDurable(
        Events.ledgerUsageRecorded,
        usageEvent(requestId, keyId, teamId, cost, {
          userId,
          model,
          requestedModel: model,
          occurredAt,
          status: requestId === 'r6' ? 'error' : 'success',
          cachedTokens: requestId === 'r2' ? 5 : 0,
          cacheWriteTokens: requestId === 'r3' ? 7 : 0,
          // r5 was answered from the response cache, which saved what it first cost.
          cacheHit: requestId === 'r5',
          savedCostMicroUsd: requestId === 'r5' ? 20_000 : 0,
        }),
        { msgId: requestId },
      );
    }
    await eventually(async () =>
      expect(await ledger.consumerBacklog()).toEqual({ pending: 0, unacked: 0 }),
    );
  });
  afterAll(() => ledger?.close());

  const query = (request: UsageQueryRequest): Promise<UsageReport> =>
    ledger.client.request('ledger.v1.usage.query', request);

  it('totals everything without filters', async () => {
    const report = await query({});
    const totals = {
      requests: 7,
      errors: 1,
      input_tokens: 70,
      output_tokens: 140,
      cached_tokens: 5,
      cache_write_tokens: 7,
      cost_micro_usd: 1_111_111,
      cost_usd: '1.111111',
      cache_hits: 1,
      cache_hit_rate: 1 / 7,
      saved_cost_micro_usd: 20_000,
      saved_cost_usd: '0.020000',
    };
    expect(report).toEqual({ object: 'usage_report', group_by: [], data: [totals], totals });
  });

  it('sums prompt-cache writes from the rollups and from the rows of a range that cuts a day', async () => {
    expect((await query({ group_by: ['key'] })).totals.cache_write_tokens).toBe(7);
    const cut = await query({ from: `${day1}T12:00:00.000Z`, to: `${day1}T18:00:00.000Z` });
    expect(cut.totals).toMatchObject({ requests: 2, cache_write_tokens: 7 });
  });

  it('counts response cache hits and savings from the rollups and from the rows alike', async () => {
    const day = await query({ from: day2, to: '2026-03-03', group_by: ['key'] });
    expect(day.data.find((row) => row.key_id === keyA1)).toMatchObject({
      requests: 1,
      cache_hits: 1,
      cache_hit_rate: 1,
      saved_cost_usd: '0.020000',
    });
    const cut = await query({ from: `${day2}T00:00:00Z`, to: `${day2}T01:00:00Z` });
    expect(cut.totals).toMatchObject({ cache_hits: 1, saved_cost_micro_usd: 20_000 });
    const none = await query({ team_id: teamB });
    expect(none.totals).toMatchObject({
      cache_hits: 0,
      cache_hit_rate: 0,
      saved_cost_usd: '0.000000',
    });
  });

  it('groups by day and model, in order', async () => {
    const report = await query({ group_by: ['day', 'model'] });
    expect(report.data.map((row) => [row.day, row.model, row.cost_micro_usd])).toEqual([
      [day1, 'local/echo', 1_101],
      [day1, 'openai/gpt-4o', 10],
      [day2, 'local/echo', 10_000],
      [day2, 'openai/gpt-4o', 1_100_000],
    ]);
    expect(report.totals.cost_micro_usd).toBe(1_111_111);
  });

  it('groups by team, user and key', async () => {
    const report = await query({ group_by: ['team', 'user', 'key'], team_id: teamA });
    const rows = report.data.map((row) => [row.team_id, row.user_id, row.key_id, row.requests]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        [teamA, userA, keyA1, 3],
        [teamA, null, keyA2, 2],
      ]),
    );
  });

  it('filters by key, user, team and model', async () => {
    expect((await query({ key_id: keyB })).totals.cost_micro_usd).toBe(1_001_000);
    expect((await query({ user_id: userA })).totals.cost_micro_usd).toBe(10_011);
    expect((await query({ team_id: teamB, model: 'openai/gpt-4o' })).totals).toMatchObject({
      requests: 1,
      cost_micro_usd: 1_000_000,
    });
  });

  it('answers whole days from the rollups and partial days from the usage rows alike', async () => {
    const wholeDay = await query({ from: day1, to: day2, group_by: ['model'] });
    const sameAsTimes = await query({
      from: `${day1}T00:00:00Z`,
      to: `${day2}T00:00:00.000+00:00`,
      group_by: ['model'],
    });
    expect(sameAsTimes).toEqual(wholeDay);
    expect(wholeDay.totals.cost_micro_usd).toBe(1_111);

    // Cuts through both days: 13:00 on day 1 (inclusive) to 08:30 on day 2 (exclusive).
    const partial = await query({ from: `${day1}T13:00:00Z`, to: `${day2}T08:30:00Z` });
    expect(partial.totals).toMatchObject({ requests: 4, cost_micro_usd: 11_110 });
    // An offset is an instant like any other: 08:30+02:00 is 06:30 UTC.
    const offset = await query({ from: `${day2}T08:30:00+02:00` });
    expect(offset.totals.cost_micro_usd).toBe(1_100_000);
  });

  it('exports raw rows in (occurred_at, request_id) pages with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = await ledger.client.request('ledger.v1.usage.export', { limit: 3, cursor });
      seen.push(...page.data.map((row) => row.request_id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    expect(pages).toBe(3);

    const [first] = (await ledger.client.request('ledger.v1.usage.export', { limit: 1 })).data;
    expect(first).toEqual({
      request_id: 'r1',
      occurred_at: `${day1}T01:00:00.000Z`,
      key_id: keyA1,
      user_id: userA,
      team_id: teamA,
      endpoint: '/v1/chat/completions',
      requested_model: 'local/echo',
      model: 'local/echo',
      provider: 'local',
      stream: false,
      status: 'success',
      error_type: null,
      input_tokens: 10,
      output_tokens: 20,
      cached_tokens: 0,
      cache_write_tokens: 0,
      cost_micro_usd: 1,
      cost_usd: '0.000001',
      price_version: 'local/echo@2026-01-01',
      usage_estimated: false,
      cache_hit: false,
      saved_cost_micro_usd: 0,
      saved_cost_usd: '0.000000',
      latency_ms: 12,
      time_to_first_token_ms: null,
    });

    const filtered = await ledger.client.request('ledger.v1.usage.export', {
      team_id: teamB,
      from: day2,
    });
    expect(filtered).toEqual({
      data: [expect.objectContaining({ request_id: 'r7' })],
      next_cursor: null,
    });

    await expect(
      ledger.client.request('ledger.v1.usage.export', { cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ type: 'validation_error', code: 'invalid_cursor', param: 'cursor' });
  });

  it('reads whole-day ranges from the rollups, not the usage rows', async () => {
    const wholeDay = { key_id: keyB, from: day1, to: day2 };
    const partOfDay = { key_id: keyB, from: `${day1}T00:00:00.001Z`, to: day2 };
    expect((await query(wholeDay)).totals.requests).toBe(1);
    // Skew the rollup behind the ledger's back: only the rollup-backed answer moves.
    await ledger.schema.sql(
      `UPDATE usage_daily SET requests = requests + 100 WHERE key_id = $1 AND day = $2`,
      [keyB, day1],
    );
    try {
      expect((await query(wholeDay)).totals.requests).toBe(101);
      expect((await query(partOfDay)).totals.requests).toBe(1);
    } finally {
      await ledger.schema.sql(
        `UPDATE usage_daily SET requests = requests - 100 WHERE key_id = $1 AND day = $2`,
        [keyB, day1],
      );
    }
  });
});
