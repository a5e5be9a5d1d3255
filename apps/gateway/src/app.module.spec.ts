import { loadConfig } from '@conduit/config';
import type { FactoryProvider } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { AppModule } from './app.module';
import { ADMIN_KEY } from './auth/admin-key.token';
import { GatewayConfigSchema } from './config/gateway-config.schema';

// Every logger the gateway creates (createLogger → pino) writes its JSON lines here instead of
// stdout, so the test reads exactly what an operator would see at boot.
const mockLogLines: Array<Record<string, unknown>> = [];
jest.mock('pino', () => {
  type Pino = (options: LoggerOptions, destination?: DestinationStream) => Logger;
  const actual = jest.requireActual<{ pino: Pino }>('pino');
  const capture: DestinationStream = {
    write: (line: string) => {
      mockLogLines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  const pino: Pino = (options, destination) => actual.pino(options, destination ?? capture);
  return Object.assign(pino, actual, { default: pino, pino });
});

/** What the gateway logs while its Nest container resolves the admin key at boot. */
function boot(env: Record<string, string>) {
  const config = loadConfig(GatewayConfigSchema, env);
  const provider = AppModule.forRoot(config).providers?.find(
    (candidate): candidate is FactoryProvider =>
      typeof candidate === 'object' && 'provide' in candidate && candidate.provide === ADMIN_KEY,
  );
  if (!provider) throw new Error('AppModule provides no ADMIN_KEY');
  mockLogLines.length = 0;
  const adminKey = provider.useFactory() as string;
  return { adminKey, lines: [...mockLogLines] };
}

const warnings = (lines: Array<Record<string, unknown>>) =>
  lines.filter((line) => line['level'] === 40).map((line) => String(line['msg']));

describe('gateway boot warnings', () => {
  const logLevel = process.env['LOG_LEVEL'];
  const adminKey = 'sk-cnd-admin-boot-test-0123456789';

  beforeAll(() => {
    // jest.setup.js keeps tests at `error`; a real gateway logs at `info` by default.
    process.env['LOG_LEVEL'] = 'info';
  });

  afterAll(() => {
    if (logLevel === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = logLevel;
  });

  it('CONDUIT_AUTH=disabled warns at every boot that the whole API is open', () => {
    for (let bootCount = 0; bootCount < 2; bootCount += 1) {
      const { lines } = boot({ CONDUIT_ADMIN_KEY: adminKey, CONDUIT_AUTH: 'disabled' });
      const authWarnings = warnings(lines).filter((msg) => msg.includes('CONDUIT_AUTH=disabled'));
      expect(authWarnings).toHaveLength(1);
      expect(authWarnings[0]).toContain('open to anyone');
      expect(lines.find((line) => line['level'] === 40)).toMatchObject({ service: 'gateway' });
    }
  });

  it('says nothing about auth when it is enabled (explicitly or by default)', () => {
    for (const env of [{ CONDUIT_AUTH: 'enabled' }, {}] as Array<Record<string, string>>) {
      const { lines } = boot({ CONDUIT_ADMIN_KEY: adminKey, ...env });
      expect(warnings(lines)).toEqual([]);
      expect(JSON.stringify(lines)).not.toContain('CONDUIT_AUTH');
    }
  });

  it('GATEWAY_GUARDRAILS=disabled warns that nothing is scanned', () => {
    const { lines } = boot({ CONDUIT_ADMIN_KEY: adminKey, GATEWAY_GUARDRAILS: 'disabled' });
    expect(warnings(lines)).toEqual([expect.stringContaining('GATEWAY_GUARDRAILS=disabled')]);
  });

  it('a generated admin key is announced by its file, never printed', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'conduit-boot-'));
    try {
      const generated = boot({ GATEWAY_DATA_DIR: dataDir });
      expect(generated.adminKey).toMatch(/^sk-cnd-admin-/);
      expect(generated.lines).toContainEqual(
        expect.objectContaining({ level: 40, path: join(dataDir, 'admin-key') }),
      );
      expect(JSON.stringify(generated.lines)).not.toContain(generated.adminKey);

      const reread = boot({ GATEWAY_DATA_DIR: dataDir });
      expect(reread.adminKey).toBe(generated.adminKey);
      expect(warnings(reread.lines)).toEqual([]);
      expect(JSON.stringify(reread.lines)).not.toContain(generated.adminKey);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
