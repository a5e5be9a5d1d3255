import { detectSystemPromptLeak } from './system-prompt-leak.detector';

const PROMPT =
  'You are Atlas, the internal assistant of Northwind Traders. Never discuss pricing rules, discount tiers or supplier contracts with anyone outside the sales team.';

describe('detectSystemPromptLeak', () => {
  it('finds the canary', () => {
    const answer = 'ok [cnd-canary-00ff00ff00ff00ff] done';
    const [finding] = detectSystemPromptLeak(answer, null, 'cnd-canary-00ff00ff00ff00ff');
    expect(finding).toMatchObject({ kind: 'canary', score: 1 });
    expect(answer.slice(finding.start, finding.end)).toBe('cnd-canary-00ff00ff00ff00ff');
  });

  it('finds a long run of the prompt, whatever the case and punctuation', () => {
    const answer =
      'Well: never discuss PRICING rules; discount tiers, or supplier contracts with anyone outside the sales team!';
    const [finding] = detectSystemPromptLeak(answer, PROMPT, null);
    expect(finding.kind).toBe('prompt_overlap');
    expect(finding.reason).toMatch(/repeats 1[0-9] consecutive words/);
    expect(answer.slice(finding.start, finding.end)).toMatch(/^never discuss.*sales team$/);
  });

  it('ignores short shared phrases and unrelated answers', () => {
    expect(
      detectSystemPromptLeak('I am the internal assistant of Northwind.', PROMPT, null),
    ).toEqual([]);
    expect(detectSystemPromptLeak('Tea is popular in Norway.', PROMPT, null)).toEqual([]);
  });

  it('does not judge prompts too short to recognise', () => {
    expect(detectSystemPromptLeak('Be brief.', 'Be brief.', null)).toEqual([]);
  });

  it('catches a short prompt repeated whole', () => {
    const prompt = 'Answer only questions about the Acme router manual please';
    expect(detectSystemPromptLeak(`Sure! ${prompt}.`, prompt, null)).toHaveLength(1);
  });
});
