// A streaming record scanner used when DuckDB's sniffer cannot tell the dialect or silently falls
// back to one column: it finds the first record whose field count differs from the header's, so
// that the user is told which line is broken instead of getting a one-column table.
import { createReadStream } from 'node:fs';

export interface RaggedRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  expected: number;
  found: number;
}

export interface ScanResult {
  headerFields: number;
  records: number;
  firstRagged: RaggedRecord | null;
  /** A quote opened and never closed: the line where it opened. */
  unclosedQuoteLine: number | null;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export async function scanCsvRecords(path: string, delimiter: string): Promise<ScanResult> {
  const delim = delimiter.charCodeAt(0);
  let line = 1;
  let recordStartLine = 1;
  let fields = 1;
  let inQuotes = false;
  let quoteOpenedAt = 0;
  let atFieldStart = true;
  let headerFields = -1;
  let records = 0;
  let firstRagged: RaggedRecord | null = null;
  let recordHasContent = false;
  let prevCR = false;
  // A quote right after a closing quote is an escaped quote ("") and re-enters the quoted field.
  let justClosed = false;

  const endRecord = () => {
    if (recordHasContent) {
      if (headerFields < 0) headerFields = fields;
      else {
        records++;
        if (!firstRagged && fields !== headerFields) {
          firstRagged = { line: recordStartLine, expected: headerFields, found: fields };
        }
      }
    }
    fields = 1;
    atFieldStart = true;
    recordHasContent = false;
  };

  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (inQuotes) {
        if (b === QUOTE) {
          inQuotes = false;
          justClosed = true;
        }
        else if (b === LF) line++;
        else if (b === CR && chunk[i + 1] !== LF) line++;
        continue;
      }
      if (b === QUOTE && justClosed) {
        inQuotes = true;
        justClosed = false;
        continue;
      }
      justClosed = false;
      if (b === LF) {
        if (!prevCR) {
          endRecord();
          line++;
          recordStartLine = line;
        }
        prevCR = false;
        continue;
      }
      prevCR = false;
      if (b === CR) {
        endRecord();
        line++;
        recordStartLine = line;
        prevCR = true;
        continue;
      }
      recordHasContent = true;
      if (b === delim) {
        fields++;
        atFieldStart = true;
      } else if (b === QUOTE && atFieldStart) {
        inQuotes = true;
        quoteOpenedAt = line;
        atFieldStart = false;
      } else {
        atFieldStart = false;
      }
    }
    if (firstRagged) break;
  }
  if (!firstRagged) endRecord();
  return {
    headerFields: Math.max(headerFields, 0),
    records,
    firstRagged,
    unclosedQuoteLine: inQuotes && !firstRagged ? quoteOpenedAt : null,
  };
}

/** The delimiter most present in a header line, among the usual ones. */
export function guessDelimiter(headerLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
