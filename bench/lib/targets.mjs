// The things being compared, all answering the same prompt with the same reply from the same
// fake provider:
// - direct: the fake called straight (the floor: what a client would see with no gateway);
// - portkey: through Portkey's open-source gateway (one Node process, HTTP -> Portkey -> HTTP
//   fake): the peer, doing less per request than Conduit (no keys, budgets, guardrails or
//   usage accounting), non-streaming only (see PORTKEY_NO_STREAMING);
// - admin: through the gateway with the admin key (HTTP -> gateway -> NATS -> llm -> HTTP fake,
//   and back, plus one usage event to JetStream): the walking skeleton's path with auth on;
// - key: through the gateway with a virtual key that has a budget and RPM/TPM limits: the same
//   plus the key's verification (cached), the quote (at the edge, from the llm's catalog
//   snapshot), the rate limiter and the budget hold in the ledger (one statement) before the
//   llm call.

/** Small and fixed, so request/response size never differs between runs. */
export const PROMPT = 'Say hello to the benchmark in one short sentence.';

/** The fake answers `Fake reply to: <last user message>`; used to prove the reply really came from it. */
export const EXPECTED_REPLY = `Fake reply to: ${PROMPT}`;

/** Priced in the llm service's built-in table, so the quote and the charge are real prices. */
export const UPSTREAM_MODEL = 'gpt-4o-mini';
export const BENCH_API_KEY = 'sk-bench';

/** The virtual key's budget: large enough never to run out during a bench. */
export const KEY_BUDGET_USD = 1_000_000;
/**
 * The virtual key's limits: checked on every request, never reached. The TPM window holds each
 * request's worst case (prompt + the model's max output, ~16k tokens) until it is settled.
 */
export const KEY_RPM = 1_000_000_000;
export const KEY_TPM = 2_000_000_000;

export function chatBody(model, stream) {
  return JSON.stringify({
    model,
    messages: [{ role: 'user', content: PROMPT }],
    ...(stream ? { stream: true } : {}),
  });
}

/**
 * Why the portkey target has no streaming row (the report prints it). Checked by hand with
 * @portkey-ai/gateway 1.15.2 on Node 20: every `stream: true` request fails inside Portkey
 * before the stream starts (its stack trace: a `Headers.append` on headers Node 20's fetch
 * made immutable).
 */
export const PORTKEY_NO_STREAMING =
  'Portkey 1.15.2 on Node 20 answers every `stream: true` request with HTTP 500 `{"status":"failure","message":"Something went wrong"}` (it logs `TypeError: immutable`), so it is measured non-streaming only.';

const json = { 'content-type': 'application/json' };
// The llm service exposes each upstream model as `<OPENAI_PROVIDER_NAME>/<id>`.
const GATEWAY_MODEL = `openai/${UPSTREAM_MODEL}`;

/**
 * `fakeBaseUrl` ends in /v1; `gatewayUrl` and `portkeyUrl` are the gateways' origins.
 * `viaGateway` marks the targets whose every request must end up as one usage row in the
 * ledger; `noStreaming`, when set, says why a target skips the streamed check and phase.
 * Insertion order is the order targets run in and the row order of the report.
 */
export function benchTargets({ fakeBaseUrl, gatewayUrl, portkeyUrl, adminKey, virtualKey }) {
  return {
    direct: {
      label: 'direct → fake',
      url: `${fakeBaseUrl}/chat/completions`,
      model: UPSTREAM_MODEL,
      headers: { ...json, authorization: `Bearer ${BENCH_API_KEY}` },
      viaGateway: false,
    },
    portkey: {
      label: 'Portkey gateway',
      url: `${portkeyUrl}/v1/chat/completions`,
      model: UPSTREAM_MODEL,
      // Portkey's headers-only mode: the provider, its base URL, and the provider's own key
      // passed through as the bearer token (no config, no Portkey key).
      headers: {
        ...json,
        authorization: `Bearer ${BENCH_API_KEY}`,
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': fakeBaseUrl,
      },
      viaGateway: false,
      noStreaming: PORTKEY_NO_STREAMING,
    },
    admin: {
      label: 'gateway, admin key',
      url: `${gatewayUrl}/v1/chat/completions`,
      model: GATEWAY_MODEL,
      headers: { ...json, authorization: `Bearer ${adminKey}` },
      viaGateway: true,
    },
    key: {
      label: 'gateway, virtual key + budget',
      url: `${gatewayUrl}/v1/chat/completions`,
      model: GATEWAY_MODEL,
      headers: { ...json, authorization: `Bearer ${virtualKey}` },
      viaGateway: true,
    },
  };
}

/** The virtual key the `key` target uses: a monthly budget and limits that never bite. */
export function benchKeyRequest(teamId) {
  return {
    name: 'bench-budgeted',
    team_id: teamId,
    rpm: KEY_RPM,
    tpm: KEY_TPM,
    budget: { amount_usd: KEY_BUDGET_USD, period: 'monthly' },
  };
}
