import { BUILT_IN_POLICY } from '../policy/built-in-policy';
import { answerFingerprint } from './answer-fingerprint';

describe('answerFingerprint', () => {
  it('is the same for equal policies, whatever the order of their fields', () => {
    const reordered = Object.fromEntries(Object.entries(BUILT_IN_POLICY).reverse());
    expect(answerFingerprint({ ...BUILT_IN_POLICY })).toBe(
      answerFingerprint(reordered as typeof BUILT_IN_POLICY),
    );
  });

  it('differs when anything that shapes the screening differs', () => {
    const base = answerFingerprint(BUILT_IN_POLICY);
    expect(answerFingerprint({ ...BUILT_IN_POLICY, output_pii: 'off' })).not.toBe(base);
    expect(answerFingerprint({ ...BUILT_IN_POLICY, pii_phone_regions: ['DE'] })).not.toBe(base);
  });
});
