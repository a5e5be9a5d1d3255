import { createHash, randomUUID } from 'node:crypto';
import { summarize } from './stats.mjs';
import { chatBody } from './targets.mjs';

/**
 * Each NATS hop of a chat request timed on its own, one request at a time on an otherwise
 * idle system, straight from the bench over NATS (`<prefix>.<subject>`, the services' JSON
 * wire format): which hop a request waits on longest, without queueing. An echo answered by
 * the bench itself is the floor: a NATS round trip with no service behind it.
 *
 * Runs after the accounting check: its budget holds are never settled (they expire), and it
 * publishes no usage events, so it does not change what that check compared.
 */
export async function timeHops({ connection, subjectPrefix, model, virtualKey, keyId, samples }) {
  const subject = (name) => `${subjectPrefix}.${name}`;
  const request = JSON.parse(chatBody(model, false));
  const echoSubject = subject(`bench.echo.${randomUUID()}`);
  const echo = connection.subscribe(echoSubject, {
    callback: (_error, message) => message.respond(message.data),
  });
  const hops = [
    ['NATS echo (no service)', echoSubject, () => ({})],
    [
      'ledger.v1.key.verify',
      subject('ledger.v1.key.verify'),
      () => ({
        secretHash: createHash('sha256').update(virtualKey).digest('hex'),
      }),
    ],
    [
      'llm.v1.chat.quote',
      subject('llm.v1.chat.quote'),
      () => ({
        requestId: `req_hop_${randomUUID()}`,
        request,
      }),
    ],
    [
      'guardrails.v1.input.scan',
      subject('guardrails.v1.input.scan'),
      () => ({ requestId: `req_hop_${randomUUID()}`, policy: null, messages: request.messages }),
    ],
    [
      'guardrails.v1.output.scan',
      subject('guardrails.v1.output.scan'),
      () => ({
        requestId: `req_hop_${randomUUID()}`,
        policy: null,
        text: 'Paris is the capital of France; it has about two million inhabitants.',
        final: true,
        systemPrompt: null,
        canary: null,
        placeholders: [],
        responseFormat: null,
        answer: null,
      }),
    ],
    [
      'ledger.v1.budget.reserve',
      subject('ledger.v1.budget.reserve'),
      () => ({
        requestId: `req_hop_${randomUUID()}`,
        keyId,
        amountMicroUsd: 1,
        ttlSeconds: 60,
      }),
    ],
    [
      'llm.v1.chat.complete',
      subject('llm.v1.chat.complete'),
      () => ({
        requestId: `req_hop_${randomUUID()}`,
        request,
      }),
    ],
    ['ledger.v1.usage.query', subject('ledger.v1.usage.query'), () => ({})],
  ];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const results = [];
  try {
    for (const [label, hopSubject, payload] of hops) {
      const once = async () => {
        const startedAt = performance.now();
        const reply = await connection.request(
          hopSubject,
          encoder.encode(JSON.stringify(payload())),
          {
            timeout: 5000,
          },
        );
        const elapsed = performance.now() - startedAt;
        const body = JSON.parse(decoder.decode(reply.data));
        if (body.ok === false)
          throw new Error(`${label}: ${body.error?.type}: ${body.error?.message}`);
        return elapsed;
      };
      // Warm the path (JIT, connection pools) before timing it.
      for (let i = 0; i < Math.min(20, samples); i++) await once();
      const times = [];
      for (let i = 0; i < samples; i++) times.push(await once());
      results.push({ label, ...summarize(times) });
    }
  } finally {
    echo.unsubscribe();
  }
  return results;
}
