import { PrismaInstrumentation } from '@prisma/instrumentation';

let instrumentation: PrismaInstrumentation | undefined;

/**
 * Every Prisma operation and SQL query becomes a span in the request's trace. Prisma reads a
 * global tracing helper rather than patching modules, so this works wherever the ledger runs
 * (its own process or a test harness); the spans go to whichever tracer provider is global.
 */
export function enablePrismaTracing(): void {
  instrumentation ??= new PrismaInstrumentation();
}
