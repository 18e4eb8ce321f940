// An independent RFC-4180 reader (comma, double quote, "" escape, CR/LF/CRLF) for test oracles:
// expected CSVs are read with this, never with the code under test.

/**
 * Parses CSV text into records. Blank lines are records of one empty field when
 * `keepBlankLines` (row positions matter, as in a sheet), and are skipped otherwise.
 */
export function parseRfc4180(text: string, options: { keepBlankLines?: boolean } = {}): string[][] {
  const keepBlank = options.keepBlankLines ?? false;
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (keepBlank || any || field !== '') records.push(fields);
      fields = [];
      field = '';
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== '' || fields.length > 0) {
    fields.push(field);
    records.push(fields);
  }
  return records;
}
