// Streaming passes over a UTF-8 text file, in JavaScript, for what DuckDB's reader does not tell
// or does not do: the physical line of a broken record (DuckDB counts records, not lines), the
// record where a second table starts, a copy of a range of lines, and line endings made uniform.
// None of them runs on the happy path of an import, except where noted.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordReader, type Dialect, type RawRecord } from './records';

export interface RaggedRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  expected: number;
  found: number;
}

export interface ScanOptions {
  /** Physical lines to pass over before the first record (preamble). */
  skipLines: number;
  /** Records after the skipped lines that are the header: not checked against `expected`. */
  headerRecords: number;
  /** Fields every data record must have. */
  expected: number;
  /** Stop at the first data record whose first two fields are these (a repeated header). */
  repeatedHeader?: [string, string];
  /** Stop after this physical line (the error being located is before it). */
  untilLine?: number;
}

export interface ScanResult {
  /** Data records seen (blank records excluded). */
  records: number;
  firstRagged: RaggedRecord | null;
  /** A quote opened and never closed: the line where it opened. */
  unclosedQuoteLine: number | null;
  /** Line of the first data record that repeats the header (a second table), if asked. */
  repeatedHeaderLine: number | null;
}

/** Streams a UTF-8 file through a record reader, chunk by chunk, until it stops or the file ends. */
async function readAll(path: string, reader: RecordReader): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      carry = reader.feed(carry + decoder.decode(chunk, { stream: true }), false);
      if (reader.done) return;
    }
    reader.feed(carry + decoder.decode(), true);
  } finally {
    stream.destroy();
  }
}

const blank = (r: RawRecord) => r.fields.every((f) => f.trim() === '');

/**
 * Reads records with the dialect (quote, escape or lenient quoting, any delimiter) and stops at
 * the first data record whose field count is not `expected`, or at a repeated header. Records
 * whose fields are all blank are ignored, as the import ignores them.
 */
export async function scanRecords(path: string, dialect: Dialect, options: ScanOptions): Promise<ScanResult> {
  const result: ScanResult = { records: 0, firstRagged: null, unclosedQuoteLine: null, repeatedHeaderLine: null };
  let seen = 0;
  const h = options.repeatedHeader;
  const reader = new RecordReader(dialect, (r) => {
    if (options.untilLine !== undefined && r.line > options.untilLine) return false;
    if (r.line <= options.skipLines || blank(r)) return true;
    if (++seen <= options.headerRecords) return true;
    result.records++;
    if (h && r.fields.length >= 2 && r.fields[0]!.trim() === h[0] && r.fields[1]!.trim() === h[1]) {
      result.repeatedHeaderLine = r.line;
      return false;
    }
    if (r.fields.length !== options.expected) {
      result.firstRagged = { line: r.line, expected: options.expected, found: r.fields.length };
      return false;
    }
    return true;
  });
  await readAll(path, reader);
  if (!reader.done && reader.inQuotedField) result.unclosedQuoteLine = reader.quoteLine;
  return result;
}

/**
 * Rewrites a file in RFC 4180 (double quotes, doubled when inside a value), reading it with the
 * given dialect: for lenient quoting, which DuckDB's reader does not follow. Every record keeps
 * its physical lines, so line numbers stay the same.
 */
export async function rewriteAsRfc4180(path: string, outPath: string, dialect: Dialect): Promise<{ unclosedQuoteLine: number | null }> {
  const out = createWriteStream(outPath);
  const { delimiter } = dialect;
  const needsQuotes = (v: string) => v.includes('"') || v.includes('\n') || v.includes('\r') || (delimiter !== '' && v.includes(delimiter));
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = out.write(buffer.join(''));
    buffer = [];
    size = 0;
    if (!ok) await once(out, 'drain');
  };
  const reader = new RecordReader(dialect, (r) => {
    const line = r.fields.map((f) => (needsQuotes(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter) + '\n';
    buffer.push(line);
    size += line.length;
  });
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      carry = reader.feed(carry + decoder.decode(chunk, { stream: true }), false);
      if (size > 1 << 20) await flush();
    }
    reader.feed(carry + decoder.decode(), true);
    await flush();
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return { unclosedQuoteLine: reader.inQuotedField ? reader.quoteLine : null };
}

/**
 * Copies physical lines `from`..`to` (1-based, inclusive; `to` null = to the end) of a file into
 * another, byte for byte. Lines end at LF, CRLF or a lone CR.
 */
export async function copyLines(path: string, outPath: string, from: number, to: number | null): Promise<void> {
  const out = createWriteStream(outPath);
  let line = 1;
  let prevCR = false;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let start = line >= from ? 0 : -1;
      let i = 0;
      for (; i < chunk.length; i++) {
        const b = chunk[i]!;
        // A CR that was not followed by LF ended its line at the previous byte.
        if (prevCR && b !== 0x0a) {
          line++;
          if (to !== null && line > to) break;
          if (line === from) start = i;
        }
        prevCR = b === 0x0d;
        if (b === 0x0a) {
          line++;
          if (to !== null && line > to) {
            i++;
            break;
          }
          if (line === from) start = i + 1;
        }
      }
      if (start >= 0 && i > start && !out.write(chunk.subarray(start, i))) await once(out, 'drain');
      if (to !== null && line > to) break;
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
}

export interface LineEndings {
  crlf: number;
  lf: number;
  cr: number;
}

/** Line endings outside double-quoted text, counted by kind. */
export async function countLineEndings(path: string): Promise<LineEndings> {
  const counts: LineEndings = { crlf: 0, lf: 0, cr: 0 };
  let inQuotes = false;
  let prevCR = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (prevCR) {
        if (b === 0x0a) counts.crlf++;
        else counts.cr++;
        prevCR = false;
        if (b === 0x0a) continue;
      }
      if (b === 0x22) inQuotes = !inQuotes;
      else if (!inQuotes) {
        if (b === 0x0d) prevCR = true;
        else if (b === 0x0a) counts.lf++;
      }
    }
  }
  if (prevCR) counts.cr++;
  return counts;
}

/** True when a file ends its lines in more than one way (which DuckDB's reader refuses). */
export function mixedLineEndings(e: LineEndings): boolean {
  return [e.crlf, e.lf, e.cr].filter((n) => n > 0).length > 1;
}

/** Copies a file with every line ending (CRLF, LF, lone CR) written as LF. */
export async function normalizeLineEndings(path: string, outPath: string): Promise<void> {
  const out = createWriteStream(outPath);
  let prevCR = false;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const bytes = Buffer.allocUnsafe(chunk.length + 1);
      let n = 0;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x0d) {
          bytes[n++] = 0x0a;
          prevCR = true;
          continue;
        }
        if (b === 0x0a && prevCR) {
          prevCR = false;
          continue;
        }
        prevCR = false;
        bytes[n++] = b;
      }
      if (!out.write(bytes.subarray(0, n))) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
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
