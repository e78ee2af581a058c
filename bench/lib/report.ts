/** Plain-text tables and number formats shared by the benchmarks' reports. */

export const ms = (v: number) => v.toFixed(2);
export const secs = (milliseconds: number) => (milliseconds / 1000).toFixed(2);
export const times = (v: number) => `${v.toFixed(2)}×`;
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** 12345 → "12,345" */
export const count = (n: number) => n.toLocaleString('en-US');

/** A table: first row is the header; the first column left-aligned, the others right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows
    .map((r, i) => {
      const line = r.map((cell, col) =>
        col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0),
      );
      const text = `  ${line.join('  ')}`;
      return i === 0 ? `${text}\n  ${widths.map((w) => '─'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}
