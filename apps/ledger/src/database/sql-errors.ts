/**
 * What a failed statement violated, from Prisma's error (model API: P2002/P2003; raw SQL:
 * P2010), both of which carry the driver adapter's description of the Postgres error.
 */
interface AdapterErrorCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  constraint?: { index?: string; foreignKey?: unknown; fields?: string[] };
}

function adapterCause(error: unknown): AdapterErrorCause | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: AdapterErrorCause } } })?.meta;
  return meta?.driverAdapterError?.cause;
}

/** The unique index a statement collided with (e.g. `teams_name_key`), if that is what failed. */
export function uniqueViolation(error: unknown): string | undefined {
  const cause = adapterCause(error);
  if (cause?.originalCode !== '23505' && cause?.kind !== 'UniqueConstraintViolation') return;
  return (
    cause.constraint?.index ??
    /unique constraint "([^"]+)"/.exec(cause.originalMessage ?? '')?.[1] ??
    'unknown'
  );
}

/** True when the statement broke a foreign key (a referenced row is missing). */
export function isForeignKeyViolation(error: unknown): boolean {
  const cause = adapterCause(error);
  return cause?.originalCode === '23503' || cause?.kind === 'ForeignKeyConstraintViolation';
}
