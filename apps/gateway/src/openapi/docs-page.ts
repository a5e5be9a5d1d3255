import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where npm puts Scalar's standalone build, relative to its package root. */
const STANDALONE = join('dist', 'browser', 'standalone.js');

/**
 * The path of `@scalar/api-reference`'s standalone browser bundle in node_modules (resolved
 * like any dependency), or null when it is not installed.
 */
export function findDocsBundle(): string | null {
  try {
    // The package's main entry is dist/index.js; the bundle sits beside it.
    const main = require.resolve('@scalar/api-reference');
    const bundle = join(dirname(main), '..', STANDALONE);
    return existsSync(bundle) ? bundle : null;
  } catch {
    return null;
  }
}

/**
 * Scalar's configuration: no fonts, proxy or anything else from the vendor's servers; the
 * "test request" client calls this gateway directly.
 */
const SCALAR_CONFIGURATION = {
  url: 'openapi.json',
  withDefaultFonts: false,
  proxyUrl: '',
  telemetry: false,
  agent: { disabled: true },
  hideClientButton: false,
  persistAuth: false,
  defaultOpenAllTags: false,
  metaData: { title: 'Conduit API reference' },
};

/**
 * The docs page: the configuration in data attributes (no inline script, so the page runs
 * under a `script-src 'self'` policy) and the bundle from this gateway. Both URLs are relative
 * to `/docs`, so the page works behind a proxy that mounts the gateway under a prefix.
 */
export function docsPageHtml(): string {
  const configuration = JSON.stringify(SCALAR_CONFIGURATION).replaceAll('"', '&quot;');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Conduit API reference</title>',
    // No favicon request (the gateway has none).
    '<link rel="icon" href="data:,">',
    '</head>',
    '<body>',
    `<script id="api-reference" data-url="openapi.json" data-configuration="${configuration}"></script>`,
    '<script src="docs/scalar.js"></script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * What the docs page may load: only this origin (scripts, the document, the test requests);
 * inline styles because the renderer injects its CSS.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');
