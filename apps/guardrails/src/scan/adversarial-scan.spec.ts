import { loadConfig } from '@conduit/config';
import type { ResolvedGuardrailPolicy } from '@conduit/contracts';
import { adversarialStrings, timeWithinBudget } from '@conduit/testing';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { InjectionJudge } from '../judge/injection-judge';
import { InputScanService } from '../input/input-scan.service';
import { scanInputText } from '../input/input-text.scanner';
import { OutputScanService } from '../output/output-scan.service';
import { PolicyResolver } from '../policy/policy-resolver';
import { Redactor } from '../redaction/redactor';

// Hostile input is normal input (issue 12): the two requests the service answers, input and
// output scans, over every adversarial string at 1 MB, under the policies that run the most
// code (everything on, redaction included). Never a throw, never past the budget.
const MEGABYTE_BUDGET_MS = 6_000;
const corpus = adversarialStrings();

const config = loadConfig(GuardrailsConfigSchema, { NATS_URL: 'nats://127.0.0.1:4222' });
const policies = new PolicyResolver(config);
const input = new InputScanService(policies, new InjectionJudge({} as never, config));
const output = new OutputScanService(policies, config);
const REDACT_ALL: ResolvedGuardrailPolicy = {
  ...policies.resolve(null),
  prompt_injection: 'flag',
  secrets: 'redact',
  pii: 'redact',
  invisible_text: 'redact',
  restore: true,
};

describe('guardrail scans on hostile input', () => {
  it.each(corpus.map((entry) => [entry.name, entry.text] as const))(
    'input-scans 1 MB of %s within the budget',
    (_name, text) => {
      const ms = timeWithinBudget(
        () =>
          input.scanWithRules({
            requestId: 'req-hostile',
            policy: null,
            messages: [
              { role: 'system', content: 'You are terse.' },
              { role: 'user', content: text },
            ],
          }),
        MEGABYTE_BUDGET_MS,
      );
      expect(ms).toBeLessThan(MEGABYTE_BUDGET_MS);
    },
  );

  it.each(corpus.map((entry) => [entry.name, entry.text] as const))(
    'redacts 1 MB of %s within the budget',
    (_name, text) => {
      const ms = timeWithinBudget(
        () => scanInputText(text, REDACT_ALL, new Redactor(), 0),
        MEGABYTE_BUDGET_MS,
      );
      expect(ms).toBeLessThan(MEGABYTE_BUDGET_MS);
    },
  );

  it.each(corpus.map((entry) => [entry.name, entry.text] as const))(
    'output-scans 1 MB of %s within the budget, as a window and as a JSON answer',
    (_name, text) => {
      const request = {
        requestId: 'req-hostile',
        policy: { system_prompt_leak: 'flag', json_schema: 'flag' } as const,
        text,
        systemPrompt: text.slice(0, 4_096),
        canary: 'cnry-0123456789abcdef',
        placeholders: [{ placeholder: '[EMAIL_1]', original: 'ana@example.com', kind: 'email' }],
        answer: null,
      };
      const ms = timeWithinBudget(() => {
        output.scan({ ...request, final: false, responseFormat: null });
        output.scan({ ...request, final: true, responseFormat: { type: 'json_object' } });
      }, MEGABYTE_BUDGET_MS * 2);
      expect(ms).toBeLessThan(MEGABYTE_BUDGET_MS * 2);
    },
  );
});
