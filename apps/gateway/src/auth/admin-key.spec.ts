import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAdminKey } from './admin-key';

describe('resolveAdminKey', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(join(tmpdir(), 'conduit-admin-key-'));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const keyFile = () => join(dataDir, 'admin-key');
  const storeKey = (content: string) => fs.writeFileSync(keyFile(), content, { mode: 0o600 });

  it('CONDUIT_ADMIN_KEY wins over a stored key and writes nothing', () => {
    storeKey('sk-cnd-admin-from-the-file-000000\n');
    expect(resolveAdminKey('sk-cnd-admin-from-the-env-1111111', dataDir)).toEqual({
      key: 'sk-cnd-admin-from-the-env-1111111',
      origin: 'env',
    });

    const empty = join(dataDir, 'empty');
    expect(resolveAdminKey('sk-cnd-admin-from-the-env-1111111', empty).origin).toBe('env');
    expect(fs.existsSync(empty)).toBe(false);
  });

  it('reads <dataDir>/admin-key (trimmed) when no key is configured', () => {
    storeKey('  sk-cnd-admin-stored-key-2222222\n\n');
    expect(resolveAdminKey(undefined, dataDir)).toEqual({
      key: 'sk-cnd-admin-stored-key-2222222',
      origin: 'file',
      path: keyFile(),
    });
  });

  it('an empty CONDUIT_ADMIN_KEY counts as unset', () => {
    storeKey('sk-cnd-admin-stored-key-3333333\n');
    expect(resolveAdminKey('', dataDir).key).toBe('sk-cnd-admin-stored-key-3333333');
  });

  it('first boot generates a key, stores it with mode 0600 and reuses it afterwards', () => {
    const nested = join(dataDir, 'not', 'there', 'yet');
    const first = resolveAdminKey(undefined, nested);
    expect(first.origin).toBe('generated');
    expect(first.path).toBe(join(nested, 'admin-key'));
    expect(first.key).toMatch(/^sk-cnd-admin-[A-Za-z0-9_-]{32}$/);
    expect(fs.readFileSync(join(nested, 'admin-key'), 'utf8')).toBe(`${first.key}\n`);
    expect(fs.statSync(join(nested, 'admin-key')).mode & 0o777).toBe(0o600);

    const second = resolveAdminKey(undefined, nested);
    expect(second).toEqual({ key: first.key, origin: 'file', path: first.path });
  });

  it('generates a different key per installation', () => {
    const other = fs.mkdtempSync(join(tmpdir(), 'conduit-admin-key-'));
    try {
      expect(resolveAdminKey(undefined, dataDir).key).not.toBe(
        resolveAdminKey(undefined, other).key,
      );
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('a replica that loses the race to create the file uses the winner’s key', () => {
    const winner = 'sk-cnd-admin-written-by-the-other-replica';
    const write = fs.writeFileSync;
    // The other replica creates the file between this one's read (nothing there) and write.
    jest.spyOn(fs, 'writeFileSync').mockImplementationOnce((...args) => {
      write(keyFile(), `${winner}\n`, { mode: 0o600 });
      return write(...args);
    });

    expect(resolveAdminKey(undefined, dataDir)).toEqual({
      key: winner,
      origin: 'file',
      path: keyFile(),
    });
    expect(fs.readFileSync(keyFile(), 'utf8')).toBe(`${winner}\n`);
  });

  it('refuses a stored key that is too short instead of overwriting it', () => {
    storeKey('short\n');
    expect(() => resolveAdminKey(undefined, dataDir)).toThrow(/holds no usable admin key/);
    expect(fs.readFileSync(keyFile(), 'utf8')).toBe('short\n');
  });
});
