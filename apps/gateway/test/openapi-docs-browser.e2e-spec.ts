import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startSystem, type RunningSystem } from './support/system';

/** Debian's chromium (CI installs it with scripts/ensure-tools.sh). */
const CHROMIUM = '/usr/bin/chromium';

const skipWithoutChromium = !existsSync(CHROMIUM) && process.env.CI !== 'true';

/**
 * `/docs` in headless Chromium: the page renders the API reference from /openapi.json under
 * its own Content-Security-Policy, and asks nothing of any origin but the gateway's.
 */
(skipWithoutChromium ? describe.skip : describe)('the /docs page in a browser (e2e)', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    // The page needs no service behind the gateway.
    system = await startSystem({ services: [] });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('renders every operation from the gateway alone, with no CSP violation', async () => {
    const page = await browser.newPage();
    const origins = new Set<string>();
    const problems: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http')) origins.add(url.origin);
    });
    page.on('response', (answer) => {
      if (answer.status() >= 400) problems.push(`${answer.status()} ${answer.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`${system.baseUrl}/docs`);
    expect(response?.status()).toBe(200);
    // Summaries of the route table appear once Scalar has loaded and rendered the document.
    await page.getByText('Create a chat completion').first().waitFor({ timeout: 30_000 });
    // Every tag of the table is in the navigation.
    await page.getByText('Admin: cache').first().waitFor({ timeout: 10_000 });
    expect(await page.title()).toMatch(/Conduit/);
    expect([...origins]).toEqual([new URL(system.baseUrl).origin]);
    // No CSP violation, no failed request, no script error.
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
