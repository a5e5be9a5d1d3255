import { z } from 'zod';

/** Env helpers: every variable arrives as a string. */
export const envInt = (fallback: number) => z.coerce.number().int().default(fallback);
export const envPort = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);
export const envUrl = () => z.url();

/** A JSON value in a variable (default `{}`), parsed, then validated by `schema`. */
export const envJson = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .default('{}')
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `must be JSON: ${(error as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
