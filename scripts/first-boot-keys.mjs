// First boot of `npm start`: once the gateway is ready, create a team and a virtual key with the
// admin key (CONDUIT_ADMIN_KEY, or the one the gateway generated in .data/admin-key), store the
// virtual key in .data/virtual-key (mode 0600) and print both. Later boots only say where they are.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const READY_WAIT_MS = 120_000;

export async function ensureFirstBootKeys(baseUrl, env) {
  if (env.CONDUIT_AUTH === 'disabled') {
    console.log('[start] CONDUIT_AUTH=disabled: no keys needed (local experiments only).');
    return;
  }
  const dataDir = env.GATEWAY_DATA_DIR ?? '.data';
  const virtualKeyPath = join(dataDir, 'virtual-key');
  await waitUntilReady(baseUrl);
  const adminKey = env.CONDUIT_ADMIN_KEY ?? readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
  const adminKeyWhere = env.CONDUIT_ADMIN_KEY ? 'CONDUIT_ADMIN_KEY' : join(dataDir, 'admin-key');
  if (existsSync(virtualKeyPath)) {
    console.log(
      `[start] Conduit is ready on ${baseUrl}. Admin key: ${adminKeyWhere}. Virtual key: ${virtualKeyPath}.`,
    );
    return;
  }
  const admin = (method, path, body) => call(baseUrl, adminKey, method, path, body);
  const teams = await admin('GET', '/v1/admin/teams');
  const team =
    teams.data.find((candidate) => candidate.name === 'default') ??
    (await admin('POST', '/v1/admin/teams', { name: 'default' }));
  const key = await admin('POST', '/v1/admin/keys', {
    name: `local-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    team_id: team.id,
  });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(virtualKeyPath, `${key.key}\n`, { mode: 0o600 });
  console.log(
    [
      '',
      `[start] Conduit is ready on ${baseUrl}. First boot: keys created.`,
      `  admin key   (${adminKeyWhere}): ${adminKey}`,
      `  virtual key (${virtualKeyPath}): ${key.key}`,
      '  try:',
      `  curl ${baseUrl}/v1/chat/completions -H "Authorization: Bearer $(cat ${virtualKeyPath})" \\`,
      `    -H 'content-type: application/json' -d '{"model":"local/echo","messages":[{"role":"user","content":"hello"}]}'`,
      '',
    ].join('\n'),
  );
}

async function waitUntilReady(baseUrl) {
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the gateway was not ready within ${READY_WAIT_MS / 1000} s`);
    await sleep(500);
  }
}

async function call(baseUrl, adminKey, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${payload?.error?.message ?? response.status}`);
  return payload;
}
