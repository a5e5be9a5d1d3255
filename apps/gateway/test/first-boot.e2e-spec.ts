import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Team } from '@conduit/contracts';
import { apiClient } from './support/api';
import { startSystem, type RunningSystem } from './support/system';

const FIRST_BOOT_SCRIPT = resolve(__dirname, '../../../scripts/first-boot-keys.mjs');

/**
 * Runs scripts/first-boot-keys.mjs the way `npm start` (scripts/start-all.mjs) does: in its own
 * Node process, against a gateway, with only the environment given here.
 */
async function runFirstBootKeys(baseUrl: string, env: Record<string, string>): Promise<string> {
  const program = [
    `import { ensureFirstBootKeys } from ${JSON.stringify(pathToFileURL(FIRST_BOOT_SCRIPT).href)};`,
    'await ensureFirstBootKeys(process.env.TEST_BASE_URL, process.env);',
  ].join('\n');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', program],
    { env: { PATH: process.env['PATH'] ?? '', TEST_BASE_URL: baseUrl, ...env }, timeout: 20_000 },
  );
  return stdout;
}

const hello = { model: 'local/echo', messages: [{ role: 'user', content: 'hello first boot' }] };

/** `npm start` on a fresh install: a `default` team and a working virtual key, once. */
describe('first-boot keys (e2e)', () => {
  let system: RunningSystem;
  let dataDir: string;
  let adminKey: string;
  const virtualKeyPath = () => join(dataDir, 'virtual-key');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'conduit-first-boot-'));
    system = await startSystem({
      services: ['llm', 'ledger'],
      // No CONDUIT_ADMIN_KEY (empty = unset): the gateway generates one in the data dir, as on
      // a fresh install, and the script has to find it there.
      env: { CONDUIT_ADMIN_KEY: '', GATEWAY_DATA_DIR: dataDir, GATEWAY_GUARDRAILS: 'disabled' },
    });
    adminKey = readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
  });

  afterAll(async () => {
    await system?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const defaultTeams = async () => {
    const teams = await apiClient(system.baseUrl, adminKey).call<{ data: Team[] }>(
      'GET',
      '/v1/admin/teams',
    );
    expect(teams.status).toBe(200);
    return teams.body.data.filter((team) => team.name === 'default');
  };
  const keysOf = async (teamId: string) =>
    (await apiClient(system.baseUrl, adminKey).listKeys(`?team_id=${teamId}`)).data;

  it('the first run creates team `default` and a virtual key that works, and prints both', async () => {
    expect(await defaultTeams()).toEqual([]);
    expect(existsSync(virtualKeyPath())).toBe(false);

    const output = await runFirstBootKeys(system.baseUrl, { GATEWAY_DATA_DIR: dataDir });

    const virtualKey = readFileSync(virtualKeyPath(), 'utf8').trim();
    expect(virtualKey).toMatch(/^sk-cnd-[A-Za-z0-9]{40}$/);
    expect(statSync(virtualKeyPath()).mode & 0o777).toBe(0o600);
    expect(output).toContain('First boot: keys created.');
    expect(output).toContain(adminKey);
    expect(output).toContain(virtualKey);

    const [team, ...others] = await defaultTeams();
    expect(others).toEqual([]);
    const keys = await keysOf(team.id);
    expect(keys).toHaveLength(1);
    expect(virtualKey.startsWith(keys[0].prefix)).toBe(true);

    const answer = await apiClient(system.baseUrl, virtualKey).chat(hello);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('hello first boot');
  });

  it('later runs reuse the stored key and only say where the keys are', async () => {
    const virtualKey = readFileSync(virtualKeyPath(), 'utf8');

    const output = await runFirstBootKeys(system.baseUrl, { GATEWAY_DATA_DIR: dataDir });

    expect(output).toContain(`Virtual key: ${virtualKeyPath()}`);
    expect(output).not.toContain('First boot');
    expect(output).not.toContain(virtualKey.trim());
    expect(output).not.toContain(adminKey);
    expect(readFileSync(virtualKeyPath(), 'utf8')).toBe(virtualKey);
    const [team, ...others] = await defaultTeams();
    expect(others).toEqual([]);
    expect(await keysOf(team.id)).toHaveLength(1);
  });

  it('a lost virtual-key file gets a new key in the existing `default` team', async () => {
    const lost = readFileSync(virtualKeyPath(), 'utf8').trim();
    unlinkSync(virtualKeyPath());

    await runFirstBootKeys(system.baseUrl, { GATEWAY_DATA_DIR: dataDir });

    const replacement = readFileSync(virtualKeyPath(), 'utf8').trim();
    expect(replacement).not.toBe(lost);
    const [team, ...others] = await defaultTeams();
    expect(others).toEqual([]);
    expect(await keysOf(team.id)).toHaveLength(2);
    expect((await apiClient(system.baseUrl, replacement).chat(hello)).status).toBe(200);
  });

  it('uses CONDUIT_ADMIN_KEY when it is set, without needing the admin-key file', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'conduit-first-boot-env-'));
    try {
      const output = await runFirstBootKeys(system.baseUrl, {
        GATEWAY_DATA_DIR: otherDir,
        CONDUIT_ADMIN_KEY: adminKey,
      });
      expect(existsSync(join(otherDir, 'admin-key'))).toBe(false);
      const virtualKey = readFileSync(join(otherDir, 'virtual-key'), 'utf8').trim();
      expect(output).toContain(`admin key   (CONDUIT_ADMIN_KEY): ${adminKey}`);
      expect(output).toContain(virtualKey);
      expect((await apiClient(system.baseUrl, virtualKey).chat(hello)).status).toBe(200);
      expect(await defaultTeams()).toHaveLength(1);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('with CONDUIT_AUTH=disabled it creates nothing', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'conduit-first-boot-open-'));
    try {
      const output = await runFirstBootKeys(system.baseUrl, {
        GATEWAY_DATA_DIR: emptyDir,
        CONDUIT_AUTH: 'disabled',
      });
      expect(output).toContain('CONDUIT_AUTH=disabled');
      expect(readdirSync(emptyDir)).toEqual([]);
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
