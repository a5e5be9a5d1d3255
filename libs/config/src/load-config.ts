import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads typed config from the environment. Fails fast, naming every bad variable, so a
 * misconfigured service never starts half-working.
 */
export function loadConfig<T extends z.ZodObject>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.output<T> {
  // Empty strings mean "unset" (compose files and shells produce them), so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(root)';
    const value = cleaned[name];
    return value === undefined
      ? `${name}: ${issue.message}`
      : `${name}=${JSON.stringify(value)}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
