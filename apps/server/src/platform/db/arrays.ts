/**
 * A PostgreSQL array literal of text elements (`{"a","b",NULL}`), to send many values as one
 * parameter (`$1::text[]`) — for `unnest` in bulk statements, where thousands of rows are one short
 * statement instead of thousands of VALUES to parse and plan.
 */
export function textArrayLiteral(values: readonly (string | null | undefined)[]): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (v.includes('"') || v.includes('\\')) parts[i] = `"${v.replace(/["\\]/g, '\\$&')}"`;
    else parts[i] = `"${v}"`;
  }
  return `{${parts.join(',')}}`;
}
