import {
  GuardrailPolicySchema,
  MAX_PHONE_REGIONS,
  PhoneRegionSchema,
} from './guardrail-policy.schema';

describe('GuardrailPolicySchema pii_phone_regions', () => {
  it('accepts ISO 3166-1 alpha-2 codes, upper-casing and trimming them', () => {
    expect(GuardrailPolicySchema.parse({ pii_phone_regions: ['US', 'gb', ' de '] })).toEqual({
      pii_phone_regions: ['US', 'GB', 'DE'],
    });
  });

  it('accepts an empty list (no national numbers) and leaves the field out when absent', () => {
    expect(GuardrailPolicySchema.parse({ pii_phone_regions: [] })).toEqual({
      pii_phone_regions: [],
    });
    expect(GuardrailPolicySchema.parse({})).toEqual({});
  });

  it.each([['UK'], ['USA'], ['EU'], ['XK'], ['1'], ['']])(
    'refuses %s, naming the field',
    (code) => {
      const result = GuardrailPolicySchema.safeParse({ pii_phone_regions: [code] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].path).toEqual(['pii_phone_regions', 0]);
      expect(result.error?.issues[0].message).toMatch(/ISO 3166-1 alpha-2/);
    },
  );

  it('refuses a string instead of a list and lists that are too long', () => {
    expect(GuardrailPolicySchema.safeParse({ pii_phone_regions: 'US' }).success).toBe(false);
    const tooMany = Array.from({ length: MAX_PHONE_REGIONS + 1 }, () => 'US');
    expect(GuardrailPolicySchema.safeParse({ pii_phone_regions: tooMany }).success).toBe(false);
  });

  it('knows territories without a phone plan (they simply match nothing)', () => {
    expect(PhoneRegionSchema.parse('aq')).toBe('AQ');
  });
});
