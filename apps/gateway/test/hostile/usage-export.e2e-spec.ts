import { apiClient, parseCsv, uniqueName, type ApiClient } from '../support/api';
import { startSystem, type RunningSystem } from '../support/system';

const ROWS = 50_000;

/**
 * The usage export has no size ceiling: 50,000 rows (about 30 MB of page JSON, far past NATS'
 * 1 MB message limit) arrive complete, in order, each exactly once.
 */
describe('usage export of 50,000 rows (e2e, real Postgres)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let teamId: string;

  beforeAll(async () => {
    system = await startSystem({ services: ['ledger'] });
    admin = apiClient(system.baseUrl, system.adminKey);
    teamId = (await admin.createTeam({ name: uniqueName('export') })).id;
    // Written straight into the table: producing 50,000 rows through chat would take minutes.
    await system.query(
      `INSERT INTO usage_events (request_id, team_id, endpoint, requested_model, model, provider,
          stream, status, input_tokens, output_tokens, cached_tokens, cost, usage_estimated,
          cache_hit, latency_ms, occurred_at)
       SELECT 'req_' || lpad(to_hex(n), 32, '0'), $1, 'chat.completions',
              'a-rather-long-requested-model-name-' || n, 'local/echo', 'local', false, 'success',
              n % 1000, 7, 0, n, false, false, 3, now() - make_interval(secs => $2 - n)
         FROM generate_series(1, $2) AS n`,
      [teamId, ROWS],
    );
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('streams every row, in order, once', async () => {
    const response = await admin.call('GET', `/v1/usage/export?team_id=${teamId}`);
    expect(response.status).toBe(200);
    const rows = parseCsv(response.text);
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((row) => row['request_id'])).size).toBe(ROWS);
    // cost_usd is exact decimal text: micro-USD n is 0.00000n USD. Oldest first, all present.
    const micros = rows.map((row) => Math.round(Number(row['cost_usd']) * 1_000_000));
    expect(micros[0]).toBe(1);
    expect(micros.at(-1)).toBe(ROWS);
    expect(micros.reduce((sum, micro) => sum + micro, 0)).toBe((ROWS * (ROWS + 1)) / 2);
  }, 120_000);
});
