import type { ChatCompletionRequest, VerifiedKey } from '@conduit/contracts';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { planCache } from './cache-plan';

const config = {
  GATEWAY_CACHE_MODE: 'off',
  GATEWAY_CACHE_TTL_SECONDS: 3_600,
  GATEWAY_CACHE_ELIGIBLE: 'deterministic',
} as GatewayConfig;

const keyWith = (cache: VerifiedKey['cache']): Principal => ({
  kind: 'key',
  key: {
    keyId: 'key_1',
    name: 'k',
    teamId: 'team_1',
    userId: null,
    models: null,
    rpm: null,
    tpm: null,
    expiresAt: null,
    budgeted: false,
    requestLogRetentionDays: 0,
    guardrails: null,
    cache,
  },
});

const chat = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  temperature: 0,
  ...extra,
});

describe('planCache', () => {
  it('is off when neither the key (or its team) nor the deployment caches', () => {
    expect(planCache(keyWith(null), chat(), undefined, config, 'm')).toEqual({ kind: 'off' });
    expect(planCache({ kind: 'admin' }, chat(), undefined, config, 'm')).toEqual({ kind: 'off' });
  });

  it('looks up under the key’s policy, scoped to its team, with the policy’s TTL', () => {
    const plan = planCache(
      keyWith({ mode: 'exact', ttl_seconds: 60 }),
      chat(),
      undefined,
      config,
      'm',
    );
    expect(plan).toEqual({
      kind: 'lookup',
      ttlSeconds: 60,
      tenant: 'team:team_1',
      owner: { tenant: 'team:team_1', keyId: 'key_1', model: 'm' },
      semantic: null,
    });
  });

  it('lets a key turn off a deployment default, and the admin key follow it', () => {
    const on = { ...config, GATEWAY_CACHE_MODE: 'exact' } as GatewayConfig;
    expect(planCache(keyWith({ mode: 'off' }), chat(), undefined, on, 'm').kind).toBe('off');
    const admin = planCache({ kind: 'admin' }, chat(), undefined, on, 'm');
    expect(admin).toMatchObject({ kind: 'lookup', tenant: 'admin', ttlSeconds: 3_600 });
  });

  it('adds the semantic search with the policy’s threshold, else the deployment’s', () => {
    const on = { ...config, GATEWAY_CACHE_SIMILARITY_THRESHOLD: 0.9 } as GatewayConfig;
    expect(planCache(keyWith({ mode: 'semantic' }), chat(), undefined, on, 'm')).toMatchObject({
      kind: 'lookup',
      semantic: { threshold: 0.9 },
    });
    const own = keyWith({ mode: 'semantic', similarity_threshold: 0.97 });
    expect(planCache(own, chat(), undefined, on, 'm')).toMatchObject({
      semantic: { threshold: 0.97 },
    });
  });

  it('bypasses sampled requests unless every request is eligible', () => {
    const key = keyWith({ mode: 'exact' });
    const sampled = chat({ temperature: 1 });
    expect(planCache(key, sampled, undefined, config, 'm')).toMatchObject({
      kind: 'bypass',
      reason: 'not_deterministic',
    });
    expect(planCache(key, { ...sampled, seed: 3 }, undefined, config, 'm').kind).toBe('lookup');
    const all = { ...config, GATEWAY_CACHE_ELIGIBLE: 'all' } as GatewayConfig;
    expect(planCache(key, sampled, undefined, all, 'm').kind).toBe('lookup');
  });

  it('reads cache-control and conduit.cache: no-store and off neither read nor write, no-cache writes', () => {
    const key = keyWith({ mode: 'exact' });
    expect(planCache(key, chat(), 'No-Store', config, 'm')).toEqual({
      kind: 'bypass',
      reason: 'no_store',
      store: null,
    });
    expect(
      planCache(key, chat({ conduit: { cache: { mode: 'off' } } }), undefined, config, 'm'),
    ).toMatchObject({ kind: 'bypass', reason: 'request_off', store: null });
    expect(planCache(key, chat(), 'max-age=0, no-cache', config, 'm')).toMatchObject({
      kind: 'bypass',
      reason: 'no_cache',
      store: { ttlSeconds: 3_600 },
    });
  });
});
