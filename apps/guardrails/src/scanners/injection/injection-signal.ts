import type { AttackFamily } from './injection-pattern';

/** One weighted piece of evidence, in the caller's (original) text offsets. */
export interface InjectionSignal {
  family: AttackFamily;
  /** Pattern id, so one phrase repeated counts once per window. */
  source: string;
  /** Weight after context (negation, quoting), in [0, 1]. */
  weight: number;
  start: number;
  end: number;
  reason: string;
}
