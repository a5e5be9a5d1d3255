import { inputScanChars, outputScanChars, scanTimeoutMs } from './scan-timeout';

describe('scan timeouts', () => {
  it('adds the per-KB allowance to the base', () => {
    expect(scanTimeoutMs(2_000, 5, 0)).toBe(2_000);
    expect(scanTimeoutMs(2_000, 5, 1)).toBe(2_005);
    expect(scanTimeoutMs(2_000, 5, 1024 * 1024)).toBe(2_000 + 5 * 1024);
  });

  it('counts the text of every message, string or parts', () => {
    expect(
      inputScanChars({
        requestId: 'r',
        policy: null,
        messages: [
          { role: 'system', content: 'abc' },
          { role: 'user', content: [{ type: 'text', text: 'defg' }] },
        ],
      }),
    ).toBe(7);
  });

  it('counts the text, the whole answer and the system prompt of an output scan', () => {
    expect(
      outputScanChars({
        requestId: 'r',
        policy: null,
        text: 'ab',
        final: true,
        systemPrompt: 'cde',
        canary: null,
        placeholders: [],
        responseFormat: null,
        answer: 'fghi',
      }),
    ).toBe(9);
  });
});
