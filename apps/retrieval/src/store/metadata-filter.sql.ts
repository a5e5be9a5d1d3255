import type { FilterClause } from './metadata-filter';

/**
 * SQL predicates over the `metadata` jsonb column for the given clauses. Keys and values go
 * into `params` (placeholders continue from its length), never into the SQL text.
 *
 * Typed like Qdrant's filters: jsonb equality tells the string "5" from the number 5, and a
 * range only matches numbers (a string value is skipped, not cast, so it cannot fail the query).
 */
export function metadataFilterSql(clauses: readonly FilterClause[], params: unknown[]): string[] {
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return clauses.map((clause) => {
    const field = `(metadata -> ${bind(clause.key)}::text)`;
    switch (clause.kind) {
      case 'equals':
        return `${field} = ${bind(JSON.stringify(clause.value))}::jsonb`;
      case 'in':
        // jsonb containment: an array contains a scalar that equals one of its elements.
        return `${bind(JSON.stringify(clause.values))}::jsonb @> ${field}`;
      case 'range': {
        const number = `(CASE WHEN jsonb_typeof(${field}) = 'number' THEN (${field} #>> '{}')::float8 END)`;
        const bounds: string[] = [];
        if (clause.gte !== undefined) bounds.push(`${number} >= ${bind(clause.gte)}::float8`);
        if (clause.lte !== undefined) bounds.push(`${number} <= ${bind(clause.lte)}::float8`);
        return bounds.join(' AND ');
      }
    }
  });
}
