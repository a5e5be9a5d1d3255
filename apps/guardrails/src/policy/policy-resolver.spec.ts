import { loadConfig } from '@conduit/config';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { BUILT_IN_POLICY } from './built-in-policy';
import { PolicyResolver } from './policy-resolver';

const resolverWith = (defaultPolicy?: string, phoneRegions?: string) =>
  new PolicyResolver(
    loadConfig(GuardrailsConfigSchema, {
      NATS_URL: 'nats://127.0.0.1:4222',
      ...(defaultPolicy === undefined ? {} : { GUARDRAILS_DEFAULT_POLICY: defaultPolicy }),
      ...(phoneRegions === undefined ? {} : { GUARDRAILS_PHONE_REGIONS: phoneRegions }),
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

  describe('pii_phone_regions', () => {
    it('defaults to US, GB, DE, FR and ES', () => {
      expect(resolverWith().resolve(null).pii_phone_regions).toEqual([
        'US',
        'GB',
        'DE',
        'FR',
        'ES',
      ]);
    });

    it('takes the deployment list from GUARDRAILS_PHONE_REGIONS, then the key its own', () => {
      const resolver = resolverWith(undefined, 'us, ca ,MX');
      expect(resolver.resolve(null).pii_phone_regions).toEqual(['US', 'CA', 'MX']);
      expect(resolver.resolve({ pii: 'block' }).pii_phone_regions).toEqual(['US', 'CA', 'MX']);
      expect(resolver.resolve({ pii_phone_regions: ['BR'] }).pii_phone_regions).toEqual(['BR']);
      expect(resolver.resolve({ pii_phone_regions: [] }).pii_phone_regions).toEqual([]);
    });

    it('lets GUARDRAILS_DEFAULT_POLICY name regions too, over GUARDRAILS_PHONE_REGIONS', () => {
      const resolver = resolverWith('{"pii_phone_regions":["IT"]}', 'US');
      expect(resolver.resolve(null).pii_phone_regions).toEqual(['IT']);
    });

    it('turns national numbers off with GUARDRAILS_PHONE_REGIONS=none; empty means unset', () => {
      expect(resolverWith(undefined, 'none').resolve(null).pii_phone_regions).toEqual([]);
      expect(resolverWith(undefined, '').resolve(null).pii_phone_regions).toHaveLength(5);
    });

    it('refuses a region that is not an ISO 3166-1 alpha-2 code at boot, naming the variable', () => {
      expect(() => resolverWith(undefined, 'US,UK')).toThrow(
        /GUARDRAILS_PHONE_REGIONS.*ISO 3166-1 alpha-2/,
      );
      expect(() => resolverWith('{"pii_phone_regions":["EU"]}')).toThrow(/pii_phone_regions/);
    });
  });
});
