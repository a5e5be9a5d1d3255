#!/usr/bin/env node
// Container health check over HTTP, for images without curl or wget:
//   node infra/healthcheck/http-health.cjs [path]     (default /health/ready)
// Probes the gateway on 127.0.0.1 at GATEWAY_PORT ?? PORT ?? 8080, the port it listens on.
'use strict';

const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);
const path = process.argv[2] || '/health/ready';
const port = process.env.GATEWAY_PORT || process.env.PORT || '8080';
const url = `http://127.0.0.1:${port}${path}`;

fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
  .then(async (response) => {
    const body = (await response.text()).slice(0, 500);
    if (response.ok) {
      console.log(`${url}: ${response.status}`);
      process.exit(0);
    }
    console.error(`${url}: ${response.status} ${body}`);
    process.exit(1);
  })
  .catch((error) => {
    console.error(`${url}: ${error && error.message ? error.message : error}`);
    process.exit(1);
  });
