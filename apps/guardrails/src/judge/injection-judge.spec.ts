import { loadConfig } from '@conduit/config';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { InjectionJudge, parseVerdict } from './injection-judge';

describe('parseVerdict', () => {
  it.each([
    ['INJECTION', 'injection'],
    ['  injection.', 'injection'],
    ['Safe', 'safe'],
    ['SAFE — an ordinary question', 'safe'],
  ] as const)('reads %j as %s', (answer, verdict) => {
    expect(parseVerdict(answer)).toBe(verdict);
  });

  it.each(['', 'I cannot classify this', 'Maybe injection', '42'])('gives up on %j', (answer) => {
    expect(parseVerdict(answer)).toBeNull();
  });
});

describe('InjectionJudge.wants', () => {
  const judgeWith = (env: Record<string, string>) =>
    new InjectionJudge(
      {} as never,
      loadConfig(GuardrailsConfigSchema, { NATS_URL: 'nats://127.0.0.1:4222', ...env }),
    );

  it('asks about scores between its floor and the threshold, only when a model is set', () => {
    const judge = judgeWith({ GUARDRAILS_JUDGE_MODEL: 'openai/gpt-4o-mini' });
    expect(judge.wants(0.45, 0.5)).toBe(true);
    expect(judge.wants(0.15, 0.5)).toBe(true);
    expect(judge.wants(0.1, 0.5)).toBe(false);
    expect(judge.wants(0.5, 0.5)).toBe(false);
    expect(judge.wants(0.45, 0.4)).toBe(false);
    expect(judgeWith({}).wants(0.45, 0.5)).toBe(false);
  });
});
