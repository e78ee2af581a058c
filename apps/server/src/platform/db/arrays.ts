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

/**
 * An array literal whose elements are text arrays (`{"{\"a\",\"b\"}",NULL}`), each read back with
 * `::text[]`: built in one pass, without escaping each inner literal a second time.
 */
export function nestedTextArrayLiteral(rows: readonly (readonly string[] | null | undefined)[]): string {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i];
    if (values === null || values === undefined) {
      parts[i] = 'NULL';
      continue;
    }
    const inner: string[] = new Array(values.length);
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      // quoted inside the inner literal, and that literal quoted again as an element of the outer one
      inner[j] =
        v.includes('"') || v.includes('\\')
          ? `\\"${v.replace(/\\/g, '\\\\\\\\').replace(/"/g, '\\\\\\"')}\\"`
          : `\\"${v}\\"`;
    }
    parts[i] = `"{${inner.join(',')}}"`;
  }
  return `{${parts.join(',')}}`;
}
