import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse/sync';
import { stringify as stringifyStream } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

export const csvEncodings = ['auto', 'utf8', 'cp932'] as const;
export type CsvEncoding = (typeof csvEncodings)[number];

/**
 * Decodes a CSV file: UTF-8 (with or without BOM) or CP932 (Windows-31J, as Excel in Japan
 * saves it: 髙, 﨑, ①, Ⅲ, ～). `auto` takes UTF-8 when the bytes are valid UTF-8, else CP932.
 */
export function decodeCsv(
  bytes: Buffer,
  encoding: CsvEncoding = 'auto',
): { text: string; encoding: 'utf8' | 'cp932' } {
  let chosen: 'utf8' | 'cp932';
  if (encoding !== 'auto') chosen = encoding;
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) chosen = 'utf8';
  else chosen = isValidUtf8(bytes) ? 'utf8' : 'cp932';
  let text = chosen === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, 'cp932');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: chosen };
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rows of a CSV text (quoted fields with commas and newlines), header first. A cell our own export
 * neutralized (`'=…`, `'+81…`: see `neutralizeFormula`) reads back as its value, so an exported file
 * edited in Excel imports unchanged.
 */
export function parseCsv(text: string): string[][] {
  const rows = parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
  }) as string[][];
  for (const row of rows)
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      if (cell.charCodeAt(0) === 39 && NEUTRALIZED.test(cell)) row[i] = cell.slice(1);
    }
  return rows;
}

/** What `neutralizeFormula` writes: an apostrophe before a formula's first character. */
const NEUTRALIZED = /^'[=+\-@\t\r]/;

/**
 * A cell Excel would run as a formula (= + - @, tab, CR) is prefixed with an apostrophe, so an
 * exported file cannot execute anything on the reader's machine (CSV injection).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | null | undefined;

/** One row's cells as the file holds them: empty for null, formulas neutralized. */
export function csvCells(row: CsvCell[]): string[] {
  return row.map((v) => neutralizeFormula(v === null || v === undefined ? '' : String(v)));
}

/** A CSV file for Excel: CRLF lines; UTF-8 with BOM, or CP932 on request. */
export function encodeCsv(rows: CsvCell[][], encoding: 'utf8' | 'cp932'): Buffer {
  const text = stringify(rows.map(csvCells), { record_delimiter: '\r\n' });
  return encoding === 'cp932'
    ? iconv.encode(text, 'cp932')
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/**
 * `encodeCsv` as a stream, for files too large to hold: rows (arrays of cells) in, the same bytes
 * out — the cells as `csvCells` writes them, csv-stringify with the same options, then the BOM
 * and UTF-8 or iconv-lite's CP932 encoder. Spread them into a `pipeline`, in this order.
 */
export function csvEncodingStreams(encoding: 'utf8' | 'cp932'): Transform[] {
  const rows = new Transform({
    objectMode: true,
    transform(row: CsvCell[], _encoding, done) {
      done(null, csvCells(row));
    },
  });
  const text = stringifyStream({ record_delimiter: '\r\n' });
  // csv-stringify hands on bytes (UTF-8); decoded again whole characters at a time
  const decoder = new StringDecoder('utf8');
  let first = true;
  const encode = (chunk: string) => {
    const bytes = encoding === 'cp932' ? iconv.encode(chunk, 'cp932') : Buffer.from(chunk, 'utf8');
    if (!first || encoding === 'cp932') return bytes;
    first = false;
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  };
  const bytes = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, encode(decoder.write(chunk)));
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest ? encode(rest) : null);
    },
  });
  return [rows, text, bytes];
}

/** Dates as HR systems write them: 2019/04/01, 2019-04-01, 2019/4/1, 2019年4月1日, 20190401. */
export function parseDate(value: string): string | null {
  const v = value.normalize('NFKC').trim();
  const m =
    v.match(/^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/) ??
    v.match(/^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$/) ??
    v.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
