import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The llm service's catalog for the bench: the fake as an OpenAI deployment with the
 * production-like resilience settings — three attempts with backoff, a circuit breaker, and
 * `local/echo` as the fallback — none of which the zero-latency fake ever triggers. So the
 * numbers include what routing costs when nothing goes wrong.
 */
export function benchCatalog({ fakeBaseUrl, upstreamModel, apiKeyEnv }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'conduit-bench-'));
  const file = path.join(dir, 'models.yaml');
  writeFileSync(
    file,
    `defaults:
  retry: { max_attempts: 3, initial_delay_ms: 250, max_delay_ms: 4000, deadline_ms: 30000 }
  circuit_breaker: { failure_rate: 0.5, minimum_requests: 10, window_ms: 60000, open_ms: 30000 }
  timeouts: { first_token_ms: 60000, total_ms: 600000 }
providers:
  openai: { type: openai, base_url: "${fakeBaseUrl}", api_key_env: ${apiKeyEnv} }
  local: { type: local }
models:
  - provider: openai
    upstream_model: ${upstreamModel}
    fallbacks: [local/echo]
  - provider: local
    upstream_model: echo
    prices: [{ input_usd_per_mtok: 10, output_usd_per_mtok: 30 }]
`,
  );
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
