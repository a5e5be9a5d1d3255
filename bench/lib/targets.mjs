// The two things being compared: the fake provider called directly (the floor: what a
// client would see with no gateway at all) and the same fake reached through the gateway
// (HTTP -> gateway -> NATS -> llm -> HTTP fake, and back). Same prompt, same reply, so the
// difference is the gateway path.

/** Small and fixed, so request/response size never differs between runs. */
export const PROMPT = 'Say hello to the benchmark in one short sentence.';

/** The fake answers `Fake reply to: <last user message>`; used to prove the reply really came from it. */
export const EXPECTED_REPLY = `Fake reply to: ${PROMPT}`;

export const UPSTREAM_MODEL = 'gpt-4o-mini';
export const BENCH_API_KEY = 'sk-bench';

export function chatBody(model, stream) {
  return JSON.stringify({
    model,
    messages: [{ role: 'user', content: PROMPT }],
    ...(stream ? { stream: true } : {}),
  });
}

/** `fakeBaseUrl` ends in /v1; `gatewayUrl` is the gateway's origin. */
export function benchTargets({ fakeBaseUrl, gatewayUrl }) {
  return {
    direct: {
      label: 'direct → fake',
      url: `${fakeBaseUrl}/chat/completions`,
      model: UPSTREAM_MODEL,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
    },
    gateway: {
      label: 'gateway → llm → fake',
      url: `${gatewayUrl}/v1/chat/completions`,
      // The llm service exposes each upstream model as `<OPENAI_PROVIDER_NAME>/<id>`.
      model: `openai/${UPSTREAM_MODEL}`,
      headers: { 'content-type': 'application/json' },
    },
  };
}
