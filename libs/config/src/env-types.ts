import { z } from 'zod';

/** Env helpers: every variable arrives as a string. */
export const envInt = (fallback: number) => z.coerce.number().int().default(fallback);
export const envPort = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);
export const envUrl = () => z.url();
