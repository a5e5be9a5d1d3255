import { backoffDelayMs, ledgerStreamConfig, ledgerStreamName } from './ledger-stream';

describe('ledgerStreamName', () => {
  it('is the base name without a prefix', () => {
    expect(ledgerStreamName()).toBe('CONDUIT_LEDGER');
    expect(ledgerStreamName('')).toBe('CONDUIT_LEDGER');
  });

  it('appends the prefix upper-cased, with characters a stream name may not hold replaced', () => {
    expect(ledgerStreamName('test-123-ab.c*d>e f')).toBe('CONDUIT_LEDGER_TEST-123-AB_C_D_E_F');
  });
});

describe('ledgerStreamConfig', () => {
  it('keeps the duplicate window within the retention', () => {
    expect(ledgerStreamConfig('S', ['a'], 3_600_000).duplicate_window).toBe(120 * 1e9);
    expect(ledgerStreamConfig('S', ['a'], 30_000).duplicate_window).toBe(30 * 1e9);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially between half and all of the ceiling, and stops at the cap', () => {
    for (let run = 0; run < 50; run++) {
      expect(backoffDelayMs(0, 100, 5_000)).toBeGreaterThanOrEqual(50);
      expect(backoffDelayMs(0, 100, 5_000)).toBeLessThanOrEqual(100);
      expect(backoffDelayMs(3, 100, 5_000)).toBeGreaterThanOrEqual(400);
      expect(backoffDelayMs(3, 100, 5_000)).toBeLessThanOrEqual(800);
      expect(backoffDelayMs(40, 100, 5_000)).toBeGreaterThanOrEqual(2_500);
      expect(backoffDelayMs(40, 100, 5_000)).toBeLessThanOrEqual(5_000);
    }
  });
});
