import { contentFiltered } from './guardrail-findings';

describe('contentFiltered', () => {
  it('names the scanner, the family and the language', () => {
    const error = contentFiltered(
      { scanner: 'prompt_injection', reason: 'instruction_override in English' },
      'request',
    );
    expect(error.message).toBe(
      'The request was blocked by the prompt_injection guardrail (instruction_override in English).',
    );
    expect(error.code).toBe('content_filtered');
  });

  it('cuts off whatever a reason quotes (an older guardrails replica quotes the match)', () => {
    const error = contentFiltered(
      {
        scanner: 'prompt_injection',
        reason:
          'instruction_override: instruction_override in English: "ignore all previous instructions"',
      },
      'request',
    );
    expect(error.message).toBe(
      'The request was blocked by the prompt_injection guardrail (instruction_override: instruction_override in English).',
    );
    expect(error.message).not.toContain('ignore');
  });

  it('keeps an answer check’s reason that quotes nothing', () => {
    const reason =
      "schema_mismatch: the answer does not match the schema: / must have required property 'population'";
    expect(contentFiltered({ scanner: 'json_schema', reason }, 'answer').message).toBe(
      `The answer was blocked by the json_schema guardrail (${reason}).`,
    );
  });

  it('says only the scanner when the reason is nothing but a quote', () => {
    expect(contentFiltered({ scanner: 'pii', reason: '"ana@example.com"' }, 'answer').message).toBe(
      'The answer was blocked by the pii guardrail.',
    );
  });
});
