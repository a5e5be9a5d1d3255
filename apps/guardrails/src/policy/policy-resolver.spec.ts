import { loadConfig } from '@conduit/config';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { BUILT_IN_POLICY } from './built-in-policy';
import { PolicyResolver } from './policy-resolver';

const resolverWith = (defaultPolicy?: string) =>
  new PolicyResolver(
    loadConfig(GuardrailsConfigSchema, {
      NATS_URL: 'nats://127.0.0.1:4222',
      ...(defaultPolicy === undefined ? {} : { GUARDRAILS_DEFAULT_POLICY: defaultPolicy }),
    }),
  );

describe('PolicyResolver', () => {
  it('is the built-in policy when nothing is configured', () => {
    expect(resolverWith().resolve(null)).toEqual(BUILT_IN_POLICY);
    expect(BUILT_IN_POLICY).toMatchObject({
      prompt_injection: 'block',
      secrets: 'block',
      pii: 'redact',
      invisible_text: 'redact',
      output_pii: 'redact',
      output_secrets: 'redact',
      restore: false,
    });
  });

  it('lays the deployment default, then the key policy, over it', () => {
    const resolver = resolverWith('{"pii":"block","restore":true}');
    expect(resolver.resolve(null)).toMatchObject({ pii: 'block', restore: true, secrets: 'block' });
    expect(resolver.resolve({ pii: 'flag' })).toMatchObject({ pii: 'flag', restore: true });
  });

  it('refuses a bad default policy at boot, naming the field', () => {
    expect(() => resolverWith('{"pii":"maybe"}')).toThrow(/GUARDRAILS_DEFAULT_POLICY.*pii/);
    expect(() => resolverWith('{"prompt_injection":"redact"}')).toThrow(/prompt_injection/);
    expect(() => resolverWith('not json')).toThrow(/GUARDRAILS_DEFAULT_POLICY.*JSON/);
  });
});
