import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSystem, TEST_ADMIN_KEY, type RunningSystem } from './support/system';

/** Debian's chromium (`apt-get install chromium`; CI installs it with scripts/ensure-tools.sh). */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The openai package's browser build (its ESM, relative imports only), served from node_modules:
 * no CDN. (Anthropic's ESM imports bare packages such as @opentelemetry/api, which a browser
 * cannot load without a bundler; its preflight headers are checked in cors.e2e-spec.ts.)
 */
const OPENAI_DIR = dirname(require.resolve('openai'));

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Conduit from a browser</title>
<script type="module">
  import OpenAI from '/sdk/openai/index.mjs';

  const failure = (error) => ({
    ok: false,
    name: error?.constructor?.name ?? typeof error,
    message: String(error?.message ?? error),
  });

  // The openai package's browser build: a streamed chat answer, and the headers a page may read.
  window.openaiChat = async (baseURL, apiKey, content) => {
    try {
      const client = new OpenAI({ apiKey, baseURL, dangerouslyAllowBrowser: true, maxRetries: 0 });
      const { data: stream, response } = await client.chat.completions
        .create({ model: 'local/echo', stream: true, messages: [{ role: 'user', content }] })
        .withResponse();
      let text = '';
      let chunks = 0;
      for await (const chunk of stream) {
        chunks += 1;
        text += chunk.choices[0]?.delta?.content ?? '';
      }
      return {
        ok: true,
        text,
        chunks,
        requestId: response.headers.get('x-request-id'),
        servedBy: response.headers.get('x-conduit-served-by'),
      };
    } catch (error) {
      return failure(error);
    }
  };

  window.sdkReady = true;
</script>`;

/** Serves the page and the SDKs' files; nothing else. */
function pageServer(): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://page').pathname;
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(PAGE);
        return;
      }
      const match = /^\/sdk\/openai\/(.+\.mjs)$/.exec(path);
      const file = match ? normalize(join(OPENAI_DIR, match[1])) : undefined;
      if (!file?.startsWith(OPENAI_DIR + sep)) {
        response.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const chromiumMissing = !existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';
if (chromiumMissing && !onCi) {
  console.warn(
    `SKIPPED cors-browser.e2e-spec: no Chromium at ${CHROMIUM} (apt-get install chromium). ` +
      'On CI (CI=true) this is a failure.',
  );
}

(chromiumMissing && !onCi ? describe.skip : describe)('CORS in headless Chromium (e2e)', () => {
  if (chromiumMissing) {
    it(`needs Debian's Chromium at ${CHROMIUM}`, () => {
      throw new Error(`No Chromium at ${CHROMIUM}: CI must install it (scripts/ensure-tools.sh).`);
    });
    return;
  }

  let system: RunningSystem;
  let pages: Server;
  let pagePort: number;
  let browser: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    pages = await pageServer();
    pagePort = (pages.address() as AddressInfo).port;
    // The page's origin is http://localhost:<port>; the same server reached as 127.0.0.1 is
    // another origin, not allowed. The gateway is a third: http://127.0.0.1:<its port>.
    system = await startSystem({
      services: ['llm', 'guardrails', 'ledger'],
      env: { GATEWAY_CORS_ORIGINS: `http://localhost:${pagePort}` },
    });
    userDataDir = await mkdtemp(join(tmpdir(), 'conduit-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    await system?.close();
    await new Promise((resolve) => pages?.close(resolve));
  });

  const open = async (origin: string): Promise<{ page: Page; console: string[] }> => {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    page.on('pageerror', (error) => messages.push(String(error)));
    await page.goto(`${origin}/`);
    await page
      .waitForFunction(() => (globalThis as unknown as { sdkReady?: boolean }).sdkReady, null, {
        timeout: 20_000,
      })
      .catch((error: Error) => {
        throw new Error(`${error.message}\npage console:\n${messages.join('\n')}`);
      });
    return { page, console: messages };
  };

  type ChatResult = {
    ok: boolean;
    text?: string;
    chunks?: number;
    requestId?: string | null;
    servedBy?: string | null;
    name?: string;
    message?: string;
  };
  const call = (page: Page, fn: 'openaiChat', baseUrl: string, content: string) =>
    page.evaluate(
      ([name, url, key, text]) =>
        (
          globalThis as unknown as Record<
            string,
            (url: string, key: string, text: string) => Promise<ChatResult>
          >
        )[name](url, key, text),
      [fn, baseUrl, TEST_ADMIN_KEY, content] as const,
    );

  it('lets a page on an allowed origin stream a chat answer with the openai browser build', async () => {
    const { page, console } = await open(`http://localhost:${pagePort}`);
    const result = await call(
      page,
      'openaiChat',
      `${system.baseUrl}/v1`,
      'hello from a page on another origin',
    );
    expect({ result, console }).toMatchObject({
      result: { ok: true, text: 'hello from a page on another origin', servedBy: 'local/echo' },
    });
    expect(result.chunks).toBeGreaterThan(1);
    // Readable only because the gateway exposes it.
    expect(result.requestId).toMatch(/\S/);
    await page.close();
  }, 60_000);

  it('blocks a page on an origin that is not allowed', async () => {
    const { page, console } = await open(`http://127.0.0.1:${pagePort}`);
    const result = await call(page, 'openaiChat', `${system.baseUrl}/v1`, 'let me in');
    expect(result).toMatchObject({ ok: false, name: 'APIConnectionError' });
    expect(console.join('\n')).toMatch(/blocked by CORS policy/);
    await page.close();
  }, 60_000);
});
