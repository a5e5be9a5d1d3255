import type { InjectionSignal } from './injection-signal';
import { scoreWindows } from './window.scorer';

const signal = (overrides: Partial<InjectionSignal>): InjectionSignal => ({
  family: 'instruction_override',
  source: 'a',
  weight: 0.5,
  start: 0,
  end: 10,
  reason: 'r',
  ...overrides,
});

describe('scoreWindows', () => {
  it('is 0 without signals and the weight of a single signal', () => {
    expect(scoreWindows([])).toBe(0);
    expect(scoreWindows([signal({ weight: 0.9 })])).toBeCloseTo(0.9);
  });

  it('combines families by noisy-OR', () => {
    const score = scoreWindows([
      signal({ family: 'persona_hijack', weight: 0.3 }),
      signal({ family: 'refusal_suppression', weight: 0.3 }),
    ]);
    expect(score).toBeCloseTo(1 - 0.7 * 0.7);
  });

  it('counts further signals of one family at half weight, and one source once', () => {
    expect(
      scoreWindows([signal({ source: 'a', weight: 0.4 }), signal({ source: 'b', weight: 0.4 })]),
    ).toBeCloseTo(1 - 0.6 * 0.8);
    expect(
      scoreWindows([
        signal({ source: 'a', weight: 0.4 }),
        signal({ source: 'a', weight: 0.4, start: 50 }),
      ]),
    ).toBeCloseTo(0.4);
  });

  it('only combines signals that are close together', () => {
    const far = scoreWindows([
      signal({ family: 'persona_hijack', weight: 0.3, start: 0 }),
      signal({ family: 'refusal_suppression', weight: 0.3, start: 50_000 }),
    ]);
    expect(far).toBeCloseTo(0.3);
    const near = scoreWindows([
      signal({ family: 'persona_hijack', weight: 0.3, start: 1200 }),
      signal({ family: 'refusal_suppression', weight: 0.3, start: 2500 }),
    ]);
    expect(near).toBeCloseTo(0.51);
  });
});
