// Portkey's open-source gateway (@portkey-ai/gateway, a devDependency), the peer Conduit is
// compared with: run as its own Node process in front of the same fake, so both gateways are
// measured in the same run, on the same machine, against the same upstream.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntilReady } from './readiness.mjs';
import { startNodeProcess } from './service.mjs';

const PACKAGE_DIR = 'node_modules/@portkey-ai/gateway';
/**
 * The last line of its start-up banner, printed after a 1 s spinner that starts once it
 * already listens: waited for, so the banner counts as start-up output and not as something
 * logged under load.
 */
const BANNER_END = 'Ready for connections!';
const BANNER_TIMEOUT_MS = 10_000;

/** The installed version, for the report: the peer's numbers belong to one release. */
export function portkeyVersion(repoRoot) {
  const manifest = readFileSync(path.join(repoRoot, PACKAGE_DIR, 'package.json'), 'utf8');
  return JSON.parse(manifest).version;
}

/**
 * `--headless` and NODE_ENV=production: no web console, as it would be deployed. Its
 * environment is PATH and HOME only, for the same reason as the Conduit services': nothing of
 * the developer's (an API key, a proxy) may change what it does. It takes no host option and
 * listens on every interface, on a port that is free on 127.0.0.1.
 */
export function startPortkey({ repoRoot, port, cpuProfileDir }) {
  return startNodeProcess({
    app: 'portkey',
    repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production' },
    cpuProfileDir,
    args: [`${PACKAGE_DIR}/build/start-server.js`, `--port=${port}`, '--headless'],
    // A spinner and its URL, not configuration.
    showBootLog: false,
  });
}

/** Ready when `GET /` answers 200 ("AI Gateway says hey!") and its banner is out. */
export async function waitForPortkey(portkey, url, { timeoutMs }) {
  await waitUntilReady(`${url}/`, { services: [portkey], timeoutMs });
  await Promise.race([
    portkey.printed(BANNER_END),
    sleep(BANNER_TIMEOUT_MS, undefined, { ref: false }),
  ]);
}
