import type { RequestLogEvent, UsageEvent } from '@conduit/contracts';

/** A successful usage event as the gateway publishes it; override what the test is about. */
export function usageEvent(
  requestId: string,
  keyId: string | null,
  teamId: string | null,
  cost: number,
  overrides: Partial<UsageEvent> = {},
): UsageEvent {
  return {
    requestId,
    keyId,
    userId: null,
    teamId,
    endpoint: '/v1/chat/completions',
    requestedModel: 'local/echo',
    model: 'local/echo',
    provider: 'local',
    stream: false,
    status: 'success',
    errorType: null,
    inputTokens: 10,
    outputTokens: 20,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    costMicroUsd: cost,
    priceVersion: 'local/echo@2026-01-01',
    usageEstimated: false,
    cacheHit: false,
    savedCostMicroUsd: 0,
    guardrails: [],
    latencyMs: 12,
    timeToFirstTokenMs: null,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

export function requestLogEvent(
  requestId: string,
  overrides: Partial<RequestLogEvent> = {},
): RequestLogEvent {
  return {
    requestId,
    keyId: null,
    teamId: null,
    retentionDays: 30,
    model: 'local/echo',
    request: '{"messages":[{"role":"user","content":"[redacted]"}]}',
    response: 'hello',
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}
