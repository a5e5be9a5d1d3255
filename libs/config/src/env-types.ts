import { z } from 'zod';

/** Env helpers: every variable arrives as a string. */
export const envInt = (fallback: number) => z.coerce.number().int().default(fallback);
export const envPort = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);
export const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
export const envUrl = () => z.url();
