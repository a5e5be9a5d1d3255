import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AdminKeySource {
  key: string;
  /** Where it came from, for the boot log (never the key itself). */
  origin: 'env' | 'file' | 'generated';
  path?: string;
}

/**
 * The admin key: CONDUIT_ADMIN_KEY, else `<dataDir>/admin-key`, generated (mode 0600) on first
 * boot so a fresh install is never open. `npm start` prints it; the log only names the file.
 */
export function resolveAdminKey(envKey: string | undefined, dataDir: string): AdminKeySource {
  if (envKey) return { key: envKey, origin: 'env' };
  const path = join(dataDir, 'admin-key');
  const stored = readStoredKey(path);
  if (stored) return { key: stored, origin: 'file', path };
  const key = `sk-cnd-admin-${randomBytes(24).toString('base64url')}`;
  mkdirSync(dirname(path), { recursive: true });
  // `wx`: when two replicas race on a shared volume, the loser reads the winner's key.
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readStoredKey(path);
    if (winner) return { key: winner, origin: 'file', path };
    throw new Error(
      `${path} exists but holds no usable admin key (16+ characters); fix or delete it.`,
    );
  }
  return { key, origin: 'generated', path };
}

function readStoredKey(path: string): string | undefined {
  try {
    const stored = readFileSync(path, 'utf8').trim();
    return stored.length >= 16 ? stored : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
