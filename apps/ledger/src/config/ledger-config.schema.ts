import { CommonConfigSchema } from '@conduit/config';
import type { z } from 'zod';

/** Every environment variable the ledger service reads. */
export const LedgerConfigSchema = CommonConfigSchema;
export type LedgerConfig = z.output<typeof LedgerConfigSchema>;
