import type { ImportPreview } from '@kizuna/contract';

/**
 * The first data row of a CSV file, read in the browser to show beside each column while
 * mapping (the server reads the whole file; this only helps people recognise the columns).
 */
export async function firstDataRow(file: File, encoding: ImportPreview['encoding']): Promise<string[]> {
  const bytes = await file.slice(0, 64 * 1024).arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder(encoding === 'cp932' ? 'shift_jis' : 'utf-8').decode(bytes);
  } catch {
    return [];
  }
  const records = parseRecords(text.replace(/^\uFEFF/, ''), 2);
  return records[1] ?? [];
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF), at most `limit` of them. */
export function parseRecords(text: string, limit: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < limit; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (records.length < limit && (field !== '' || record.length > 0)) {
    record.push(field);
    records.push(record);
  }
  return records;
}
