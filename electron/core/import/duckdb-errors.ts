// Turns DuckDB's CSV reader messages into located, human errors.
import type { QdError } from '../../../shared/api';

/** Maps a DuckDB error raised while reading `file` (display name) to a located QdError. */
export function csvReadError(file: string, err: unknown): QdError {
  const raw = err instanceof Error ? err.message : String(err);
  const line = /CSV Error on Line: (\d+)/.exec(raw)?.[1];
  const column = /converting column "([^"]+)"/.exec(raw)?.[1];
  const conversion = /Could not convert string "((?:[^"\\]|\\.)*)" to '([^']+)'/.exec(raw);
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(raw);
  let what: string;
  if (conversion) what = `could not read "${conversion[1]}" as ${conversion[2]}`;
  else if (columns) what = `expected ${columns[1]} fields, found ${columns[2]}`;
  else if (/not utf-8 encoded|Invalid unicode/i.test(raw)) {
    what = 'the file is not UTF-8 text (wrong encoding?)';
  } else if (/No files found|Cannot open file|No such file/i.test(raw)) what = 'the file cannot be opened';
  else if (/Value with unterminated quote|unterminated quote/i.test(raw)) what = 'a quoted value is never closed';
  else if (/state machine reached an invalid state/i.test(raw)) {
    what = 'the reader lost track of the records here (line endings or quotes it cannot follow)';
  }
  else what = firstLine(raw);
  const where = [file, line ? `line ${line}` : null, column ? `column "${column}"` : null]
    .filter(Boolean)
    .join(', ');
  return {
    code: 'IMPORT_FAILED',
    message: `${where}: ${what}`,
    detail: raw,
    location: {
      file,
      ...(line ? { line: Number(line) } : {}),
      ...(column ? { column } : {}),
    },
  };
}

function firstLine(message: string): string {
  const first = message.split('\n').find((l) => l.trim().length > 0) ?? message;
  return first.replace(/^[A-Za-z ]+Error: /, '');
}
