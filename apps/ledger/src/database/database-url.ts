/**
 * Splits Prisma's `?schema=` convention off a Postgres URL: `pg` does not know it, so the
 * schema becomes the connections' search_path instead (raw SQL and Prisma's queries alike).
 * Mirrors scripts/database-target.mjs, which the migration child process uses.
 */
export function parseDatabaseUrl(databaseUrl: string): {
  connectionString: string;
  schema: string;
} {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') || 'public';
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
