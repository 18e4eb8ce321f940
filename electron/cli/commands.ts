// The CLI's commands, as functions over the core: the entry point only parses argv and prints.
import { readFile } from 'node:fs/promises';
import type { QdError, QueryResult, Result } from '../../shared/api';
import { errorMessage, type MessageKey, type TranslateFn } from '../../shared/i18n';
import type { ImportReport, ImportSettings, ValueKind } from '../../shared/import/types';
import { readArrow, type CellValue } from '../../shared/arrow/cells';
import { CoreApi } from '../core/api';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** An engine error as one line, in the user's language when the engine gave its message's key. */
export function describeError(t: TranslateFn, error: QdError): string {
  const loc = error.location ?? {};
  const message = errorMessage(t, error);
  // Import errors already name the file and line in their message; add only what is missing.
  const lineText = loc.line !== undefined ? t('errors.atLine', { line: String(loc.line) }) : null;
  const extra = [
    loc.file && !message.includes(loc.file) ? t('cli.atFile', { file: loc.file }) : null,
    lineText && !message.includes(lineText) ? lineText : null,
    loc.field ? t('errors.atField', { field: loc.field }) : null,
  ].filter(Boolean);
  return `${t('cli.errorWithCode', { code: error.code, message })}${extra.length ? ` [${extra.join(', ')}]` : ''}`;
}

/** The names of the value kinds, as the import dialog says them. */
const KIND: Record<ValueKind, MessageKey> = {
  text: 'import.kindText',
  integer: 'import.kindInteger',
  decimal: 'import.kindDecimal',
  percent: 'import.kindPercent',
  date: 'import.kindDate',
  timestamp: 'import.kindTimestamp',
  boolean: 'import.kindBoolean',
};

async function withCore<T>(workspace: string, fn: (core: CoreApi) => Promise<T>): Promise<T> {
  const core = await CoreApi.open(workspace);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

export interface ImportOptions {
  file: string;
  workspace: string;
  source?: string;
  snapshot?: string;
  replace?: boolean;
  json?: boolean;
  settings: Partial<ImportSettings>;
  roles: Record<string, string | null>;
}

/** The import as the CLI prints it with --json: what was detected and what was made of it. */
export function importSummary(report: ImportReport) {
  const roleOf = new Map(report.roles.map((r) => [r.column, r.role]));
  const s = report.settings;
  return {
    source: report.source,
    snapshotDate: report.snapshotDate,
    addedSnapshot: report.addedSnapshot,
    rowCount: report.rowCount,
    format: s.format,
    sheet: s.sheet,
    encoding: s.encoding,
    delimiter: s.delimiter,
    decimalSeparator: s.decimalSeparator,
    thousandsSeparator: s.thousandsSeparator,
    dateOrder: s.dateOrder,
    dateFormats: [...new Set(report.columns.filter((c) => c.format && (c.kind === 'date' || c.kind === 'timestamp')).map((c) => c.format))],
    headerRow: s.headerRows > 0 ? s.skipRows + 1 : null,
    skipRows: s.skipRows,
    headerRows: s.headerRows,
    preset: report.preset,
    columns: report.columns.map((c) => ({
      name: c.name,
      header: c.header,
      type: c.kind,
      format: c.format,
      role: roleOf.get(c.name) ?? null,
      ...(c.failed > 0 ? { failed: c.failed, failedSamples: c.samples } : {}),
    })),
    roles: Object.fromEntries(report.roles.map((r) => [r.role, r.column])),
    warnings: report.warnings.map((w) => w.message),
  };
}

export async function importCommand(t: TranslateFn, opts: ImportOptions): Promise<CliOutput> {
  const result: Result<ImportReport> = await withCore(opts.workspace, (core) =>
    core.importFile({
      file: { kind: 'path', path: opts.file },
      settings: opts.settings,
      ...(Object.keys(opts.roles).length ? { roles: opts.roles } : {}),
      ...(opts.source ? { sourceName: opts.source } : {}),
      ...(opts.snapshot ? { snapshotDate: opts.snapshot } : {}),
      ...(opts.replace ? { replace: true } : {}),
    }),
  );
  if (!result.ok) return { code: 1, stdout: '', stderr: `${describeError(t, result.error)}\n` };
  const r = result.value;
  if (opts.json) return { code: 0, stdout: `${JSON.stringify(importSummary(r), null, 2)}\n`, stderr: '' };
  const roleOf = new Map(r.roles.map((x) => [x.column, x.role]));
  // Column names, formats and role ids are the file's and the options' own words: not translated.
  const cols = r.columns
    .map((c) => `  ${c.name}: ${t(KIND[c.kind])}${c.format ? ` (${c.format})` : ''}${roleOf.has(c.name) ? `  -> ${roleOf.get(c.name)}` : ''}`)
    .join('\n');
  const what = r.addedSnapshot
    ? t('cli.importAdded', { date: r.snapshotDate, source: r.source })
    : t('cli.importCreated', { source: r.source, date: r.snapshotDate });
  const s = r.settings;
  const detected =
    s.format === 'xlsx'
      ? t('cli.importDetectedXlsx', { sheet: s.sheet ?? '', decimal: JSON.stringify(s.decimalSeparator), order: s.dateOrder })
      : t('cli.importDetectedCsv', {
          encoding: s.encoding,
          delimiter: JSON.stringify(s.delimiter),
          decimal: JSON.stringify(s.decimalSeparator),
          order: s.dateOrder,
        });
  const warnings = r.warnings.map((w) => `${t('cli.warning', { message: w.message })}\n`).join('');
  const done = t('cli.importDone', { file: opts.file, what, rows: r.rowCount, columns: r.columns.length });
  return { code: 0, stdout: `${done}\n  (${detected})\n${cols}\n`, stderr: warnings };
}

function csvCell(v: CellValue): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatResult(result: QueryResult, format: 'csv' | 'json'): string {
  const reader = readArrow(result.ipc);
  const labels = result.columns.map((c) => c.label);
  const readers = result.columns.map((c) => reader.column(c.id)!);
  if (format === 'json') {
    const rows = [];
    for (let r = 0; r < reader.numRows; r++) {
      const row: Record<string, CellValue> = {};
      readers.forEach((col, i) => (row[labels[i]!] = col.get(r)));
      rows.push(row);
    }
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const lines = [labels.map(csvCell).join(',')];
  for (let r = 0; r < reader.numRows; r++) lines.push(readers.map((col) => csvCell(col.get(r))).join(','));
  return `${lines.join('\n')}\n`;
}

export async function queryCommand(t: TranslateFn, opts: {
  workspace: string;
  spec: string;
  format: 'csv' | 'json';
}): Promise<CliOutput> {
  let spec: unknown;
  try {
    spec = JSON.parse(await readFile(opts.spec, 'utf8'));
  } catch (e) {
    const message = t('cli.specUnreadable', { file: opts.spec, reason: (e as Error).message });
    return { code: 1, stdout: '', stderr: `${t('cli.error', { message })}\n` };
  }
  const result = await withCore(opts.workspace, (core) => core.runQuery({ spec: spec as never }));
  if (!result.ok) return { code: 1, stdout: '', stderr: `${describeError(t, result.error)}\n` };
  const note = result.value.truncated ? `${t('cli.warning', { message: t('cli.resultCut', { rows: result.value.rowCount }) })}\n` : '';
  return { code: 0, stdout: formatResult(result.value, opts.format), stderr: note };
}

export async function sourcesCommand(t: TranslateFn, opts: { workspace: string; json?: boolean }): Promise<CliOutput> {
  const result = await withCore(opts.workspace, (core) => core.getWorkspace());
  if (!result.ok) return { code: 1, stdout: '', stderr: `${describeError(t, result.error)}\n` };
  if (opts.json) return { code: 0, stdout: `${JSON.stringify(result.value.sources, null, 2)}\n`, stderr: '' };
  if (result.value.sources.length === 0) return { code: 0, stdout: `${t('cli.noSources')}\n`, stderr: '' };
  const lines = result.value.sources.map((s) =>
    t('cli.sourceLine', { name: s.name, rows: s.rowCount, columns: s.columns.length, file: s.file }),
  );
  return { code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
}
