// The import torture report. Five public corpora of awkward files go through the real contract
// (CoreApi.importFile into a temp-file workspace), each checked against its own oracle where it
// has one:
//   1. csv-spectrum: the CSV acid tests, against their expected JSON, cell by cell;
//   2. Pollock: polluted CSVs against their clean twins (file-level and row-level pollutions, and
//      six real files from open-data portals);
//   3. DuckDB's own CSV reader corpus: every file imports or fails with a located error;
//   4. SheetJS workbooks: every .xlsx opens (first visible sheet) or fails with IMPORT_FAILED;
//   5. the W3C CSVW test CSVs: import or fail clearly.
// The findings are written to test/output/torture-report.md and summed up on stdout; the quality
// bars are asserted at the end.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QdError } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import type { ImportSettings, ValueKind } from '../../shared/import/types';
import { SHARED_DATA, tempCore } from '../helpers/workspace';
import { parseRfc4180 } from '../helpers/rfc4180';

const SPECTRUM = join(SHARED_DATA, 'csv-spectrum');
const POLLOCK = join(SHARED_DATA, 'pollock-polluted-csv');
const EDGE = join(SHARED_DATA, 'duckdb-csv-edgecases');
const SHEETJS = join(SHARED_DATA, 'sheetjs-xlsx-samples');
const CSVW = join(SHARED_DATA, 'w3c-csvw-tests');
const REPORT = join(import.meta.dirname, '..', 'output', 'torture-report.md');
const TIMEOUT_MS = 20_000;
/**
 * Files wider than this many columns are skipped unless TORTURE_WIDE=1: typing a column costs time
 * that grows faster than the column count (see the report), and two of Pollock's real files (211
 * and 673 columns) take minutes, which would not fit the test's budget.
 */
const WIDE = 100;
const RUN_WIDE = process.env.TORTURE_WIDE === '1';

type Core = Awaited<ReturnType<typeof tempCore>>['core'];

type Outcome =
  | { status: 'imported'; columns: string[]; rows: (string | null)[][] | null; rowCount: number; ms: number; warnings: string[] }
  | { status: 'failed'; error: QdError; ms: number }
  | { status: 'hang'; ms: number }
  | { status: 'crash'; message: string; ms: number };

let counter = 0;

/**
 * Imports one file as a fresh source, reads it back and removes it. `asText` forces every column
 * to text and disables null tokens, so that the cells can be compared with an oracle as strings.
 */
async function runImport(core: Core, path: string, opts: { asText: boolean; readBack: boolean }): Promise<Outcome> {
  const id = ++counter;
  const source = `torture_${id}`;
  const opId = `torture-op-${id}`;
  const file = { kind: 'path' as const, path };
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const work = (async (): Promise<Outcome> => {
    let settings: Partial<ImportSettings> = {};
    if (opts.asText) {
      const inspected = await core.inspectImport({ file, settings: { nullTokens: [] } });
      if (!inspected.ok) return { status: 'failed', error: inspected.error, ms: ms() };
      const kinds: Record<string, ValueKind> = Object.fromEntries(inspected.value.columns.map((c) => [c.name, 'text' as const]));
      settings = { nullTokens: [], columnKinds: kinds };
    }
    const imported = await core.importFile({ file, settings, sourceName: source, opId });
    if (!imported.ok) return { status: 'failed', error: imported.error, ms: ms() };
    const report = imported.value;
    let rows: (string | null)[][] | null = null;
    let columns = report.columns.map((c) => c.name);
    if (opts.readBack) {
      const window = await core.previewRows({ source, offset: 0, limit: Math.max(1, report.rowCount) });
      if (!window.ok) return { status: 'crash', message: `previewRows: ${window.error.message}`, ms: ms() };
      const table = readArrow(window.value.ipc);
      columns = table.columns.map((c) => c.name);
      rows = [];
      for (let r = 0; r < table.numRows; r++) {
        rows.push(table.columns.map((c) => {
          const v = c.get(r);
          return v === null ? null : String(v);
        }));
      }
    }
    const removed = await core.removeSource(source);
    if (!removed.ok) return { status: 'crash', message: `removeSource: ${removed.error.message}`, ms: ms() };
    return {
      status: 'imported',
      columns,
      rows,
      rowCount: report.rowCount,
      ms: ms(),
      warnings: report.warnings.map((w) => `${w.code}: ${w.message}`),
    };
  })().catch((e: unknown): Outcome => ({ status: 'crash', message: e instanceof Error ? e.message : String(e), ms: ms() }));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), TIMEOUT_MS);
  });
  const first = await Promise.race([work, timeout]);
  clearTimeout(timer);
  if (first !== 'hang') return first;
  // Ask the engine to stop, and give it a moment so that the next file finds the workspace free.
  await core.cancel(opId);
  await Promise.race([work, new Promise((r) => setTimeout(r, 5_000))]);
  return { status: 'hang', ms: ms() };
}

/** Every file under a folder, recursively, sorted. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

const cell = (v: string | null | undefined) => (v ?? '').trim();
const show = (v: string | null | undefined) => {
  const s = JSON.stringify(v ?? null);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};
const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ⏎ ');

function describeOutcome(o: Outcome): string {
  switch (o.status) {
    case 'imported':
      return `imported ${o.rowCount} × ${o.columns.length}`;
    case 'failed':
      return `${o.error.code}: ${o.error.message}`;
    case 'hang':
      return `HANG (no answer after ${TIMEOUT_MS / 1000} s)`;
    case 'crash':
      return `CRASH: ${o.message}`;
  }
}

/** A failure is clear when it is an IMPORT_FAILED whose message names the file. */
function locatedFailure(o: Outcome, path: string): boolean {
  return o.status === 'failed' && o.error.code === 'IMPORT_FAILED' && o.error.message.includes(basename(path));
}

// ---------------------------------------------------------------------------------------------

interface SpectrumResult {
  name: string;
  pass: boolean;
  detail: string;
}

/**
 * Known mistakes in csv-spectrum's own oracle. location_coordinates.json holds a single object
 * (not an array) whose phone number is not the one in the CSV: the test data was edited after the
 * JSON was written. The CSV is the truth for what a parser must return.
 */
const SPECTRUM_ERRATA: Record<string, { note: string; fix: (rows: Record<string, string>[]) => void }> = {
  location_coordinates: {
    note:
      'the expected JSON is a single object, not an array, and says "Contact Phone Number": "1234567890" ' +
      'where the CSV has 2095257564 (an upstream mistake): compared against the CSV\'s value',
    fix: (rows) => {
      rows[0]!['Contact Phone Number'] = '2095257564';
    },
  },
};

async function spectrumFile(core: Core, csv: string): Promise<SpectrumResult> {
  const name = basename(csv, '.csv');
  const raw: unknown = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8'));
  const expected = (Array.isArray(raw) ? raw : [raw]) as Record<string, string>[];
  const errata = SPECTRUM_ERRATA[name];
  errata?.fix(expected);
  const o = await runImport(core, csv, { asText: true, readBack: true });
  if (o.status !== 'imported') return { name, pass: false, detail: describeOutcome(o) };
  const keys = Object.keys(expected[0] ?? {});
  if (JSON.stringify(o.columns) !== JSON.stringify(keys)) {
    return { name, pass: false, detail: `columns ${JSON.stringify(o.columns)}, expected ${JSON.stringify(keys)}` };
  }
  const rows = o.rows ?? [];
  if (rows.length !== expected.length) return { name, pass: false, detail: `${rows.length} rows, expected ${expected.length}` };
  for (let r = 0; r < expected.length; r++) {
    for (let c = 0; c < keys.length; c++) {
      const want = expected[r]![keys[c]!] ?? '';
      const got = rows[r]![c] ?? '';
      // Exact, except that an empty cell is read as NULL.
      if (got !== want) return { name, pass: false, detail: `row ${r + 1}, "${keys[c]}": got ${show(got)}, expected ${show(want)}` };
    }
  }
  return { name, pass: true, detail: `${rows.length} × ${keys.length} exact${errata ? `; erratum: ${errata.note}` : ''}` };
}

// ---------------------------------------------------------------------------------------------

interface PollockResult {
  name: string;
  family: 'file' | 'row' | 'survey' | 'source';
  recovered: boolean;
  cells: number;
  matched: number;
  detail: string;
  /** A failure that names the file and a line. */
  locatedLine: boolean;
  skipped?: boolean;
  outcome: string;
  ms: number;
}

async function pollockFile(core: Core, dir: string, name: string, family: PollockResult['family']): Promise<PollockResult> {
  const params = JSON.parse(readFileSync(join(dir, 'parameters', `${name}_parameters.json`), 'utf8')) as {
    header_lines: number | string;
  };
  const clean = parseRfc4180(readFileSync(join(dir, 'clean', name), 'utf8'));
  const hasHeader = Number(params.header_lines) > 0;
  const header = hasHeader ? (clean[0] ?? []) : null;
  const data = hasHeader ? clean.slice(1) : clean;
  const cells = data.reduce((n, r) => n + r.length, 0);
  const width = Math.max(header?.length ?? 0, data[0]?.length ?? 0);
  if (width > WIDE && !RUN_WIDE) {
    const detail = `skipped: ${width} columns (set TORTURE_WIDE=1 to run it)`;
    return { name, family, cells, matched: 0, recovered: false, locatedLine: false, skipped: true, detail, outcome: detail, ms: 0 };
  }
  const o = await runImport(core, join(dir, 'csv', name), { asText: true, readBack: true });
  const base = { name, family, cells, ms: o.ms, outcome: describeOutcome(o) };
  if (o.status !== 'imported') {
    const located = locatedFailure(o, name);
    const line = o.status === 'failed' && typeof o.error.location?.line === 'number';
    // An empty file is an empty table: refusing it with a clear message is the right answer.
    const emptyTruth = clean.length === 0 && located;
    return {
      ...base,
      recovered: emptyTruth,
      matched: 0,
      locatedLine: located && line,
      detail: emptyTruth ? 'empty file, refused with a clear message (the truth is an empty table)' : describeOutcome(o),
    };
  }
  const rows = o.rows ?? [];
  let matched = 0;
  let firstDiff: string | null = null;
  for (let r = 0; r < data.length; r++) {
    for (let c = 0; c < data[r]!.length; c++) {
      const want = cell(data[r]![c]);
      const got = cell(rows[r]?.[c]);
      if (got === want) matched++;
      else firstDiff ??= `row ${r + 1}, column ${c + 1}: got ${show(rows[r]?.[c])}, expected ${show(data[r]![c])}`;
    }
  }
  const problems: string[] = [];
  if (rows.length !== data.length) problems.push(`${rows.length} rows, expected ${data.length}`);
  if (o.columns.length !== width && width > 0) problems.push(`${o.columns.length} columns, expected ${width}`);
  if (header) {
    // A clean header shorter than its rows leaves the last columns unnamed: ours are column_N.
    const h = header.map(cell).join(' | ');
    const got = o.columns.slice(0, header.length).map(cell).join(' | ');
    const unnamed = o.columns.slice(header.length).every((c, i) => c === `column_${header.length + i + 1}`);
    if (h !== got || !unnamed) problems.push(`header ${show(o.columns.map(cell).join(' | '))}, expected ${show(h)}`);
  }
  if (firstDiff) problems.push(`first differing cell: ${firstDiff}`);
  return {
    ...base,
    recovered: problems.length === 0,
    matched,
    locatedLine: false,
    detail: problems.length === 0 ? `${rows.length} × ${o.columns.length}, every cell` : problems.join('; '),
  };
}

// ---------------------------------------------------------------------------------------------

interface ClearResult {
  name: string;
  verdict: 'imported' | 'failed-located' | 'bad';
  line: boolean;
  outcome: string;
  ms: number;
}

async function importOrFailClearly(core: Core, root: string, path: string): Promise<ClearResult> {
  const o = await runImport(core, path, { asText: false, readBack: false });
  const name = relative(root, path);
  const line = o.status === 'failed' && typeof o.error.location?.line === 'number';
  const verdict = o.status === 'imported' ? 'imported' : locatedFailure(o, path) ? 'failed-located' : 'bad';
  let outcome = describeOutcome(o);
  if (o.status === 'imported' && o.warnings.length > 0) outcome += ` (warnings: ${o.warnings.join(' / ')})`;
  return { name, verdict, line, outcome, ms: o.ms };
}

// ---------------------------------------------------------------------------------------------

/** Workspaces working through the files side by side: each import is mostly single-threaded. */
const WORKERS = 3;

/** Runs jobs on a pool of workspaces, each taking the next job when it is free. */
async function onPool(cores: Core[], jobs: ((core: Core) => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    cores.map(async (core) => {
      while (next < jobs.length) await jobs[next++]!(core);
    }),
  );
}

describe('import torture report', () => {
  const contexts: Awaited<ReturnType<typeof tempCore>>[] = [];
  const spectrum: SpectrumResult[] = [];
  const pollock: PollockResult[] = [];
  const edge: ClearResult[] = [];
  const xlsx: ClearResult[] = [];
  const csvw: ClearResult[] = [];
  let csvwDuplicates = 0;
  const started = performance.now();

  // Every file of every corpus is imported up front, on a pool of workspaces; the tests below
  // assert the quality bars on the results, and the report is written at the end.
  beforeAll(async () => {
    for (let i = 0; i < WORKERS; i++) contexts.push(await tempCore());
    const jobs: ((core: Core) => Promise<void>)[] = [];
    const add = <T>(into: T[], run: (core: Core) => Promise<T>) => {
      const at = into.length;
      into.push(undefined as T);
      jobs.push(async (core) => {
        into[at] = await run(core);
      });
    };
    // The slowest corpora first, so that the pool ends together.
    for (const path of walk(EDGE).filter((p) => basename(p) !== 'SOURCE.md')) add(edge, (core) => importOrFailClearly(core, EDGE, path));
    const seen = new Set<string>();
    for (const path of walk(CSVW).filter((p) => /\.(csv|tsv)$/.test(p))) {
      const hash = createHash('sha1').update(readFileSync(path)).digest('hex');
      if (seen.has(hash)) {
        csvwDuplicates++;
        continue;
      }
      seen.add(hash);
      add(csvw, (core) => importOrFailClearly(core, CSVW, path));
    }
    for (const f of readdirSync(join(POLLOCK, 'csv')).filter((f) => f.endsWith('.csv')).sort()) {
      const family = f === 'source.csv' ? 'source' : f.startsWith('file_') ? 'file' : 'row';
      add(pollock, (core) => pollockFile(core, POLLOCK, f, family));
    }
    const survey = join(POLLOCK, 'survey_sample');
    for (const f of readdirSync(join(survey, 'csv')).sort()) add(pollock, (core) => pollockFile(core, survey, f, 'survey'));
    for (const path of walk(SHEETJS).filter((p) => p.endsWith('.xlsx'))) add(xlsx, (core) => importOrFailClearly(core, SHEETJS, path));
    for (const f of readdirSync(join(SPECTRUM, 'csvs')).filter((f) => f.endsWith('.csv')).sort()) {
      add(spectrum, (core) => spectrumFile(core, join(SPECTRUM, 'csvs', f)));
    }
    await onPool(
      contexts.map((c) => c.core),
      jobs,
    );
  }, 300_000);

  afterAll(() => {
    for (const c of contexts) c.dispose();
    writeReport();
  });

  it('1. csv-spectrum: every acid test parses to its expected JSON', () => {
    expect(spectrum.length).toBe(12);
    expect(spectrum.filter((s) => !s.pass).map((s) => `${s.name}: ${s.detail}`)).toEqual([]);
  });

  it('2. Pollock: polluted files come back as their clean twins, or fail at a named line', () => {
    const files = pollock.filter((p) => p.family === 'file');
    expect(files.length).toBe(21);
    expect(pollock.find((p) => p.family === 'source')?.recovered).toBe(true);
    expect(files.filter((p) => !p.recovered).map((p) => p.name)).toEqual(POLLOCK_FILE_LEVEL_UNREACHED);
    // Row-level pollutions: recovered, or refused at a named file and line.
    const rows = pollock.filter((p) => p.family === 'row');
    expect(rows.filter((p) => !p.recovered && !p.locatedLine).map((p) => p.name)).toEqual(POLLOCK_ROW_LEVEL_UNREACHED);
  });

  it('3. DuckDB CSV edge cases: import, or fail with a located error; no crash, hang or INTERNAL', () => {
    expect(edge.length).toBe(146);
    expect(edge.filter((e) => e.verdict === 'bad').map((e) => `${e.name}: ${e.outcome}`)).toEqual([]);
  });

  it('4. SheetJS workbooks: every .xlsx opens its first visible sheet or fails with IMPORT_FAILED', () => {
    expect(xlsx.length).toBe(18);
    expect(xlsx.filter((e) => e.verdict === 'bad').map((e) => `${e.name}: ${e.outcome}`)).toEqual([]);
  });

  it('5. W3C CSVW test CSVs: import or fail clearly', () => {
    expect(csvw.length).toBeGreaterThan(100);
    expect(csvw.filter((e) => e.verdict === 'bad').map((e) => `${e.name}: ${e.outcome}`)).toEqual([]);
  });

  function writeReport(): void {
    const lines: string[] = [];
    const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
    const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;
    const fileLevel = pollock.filter((p) => p.family === 'file');
    const rowLevel = pollock.filter((p) => p.family === 'row');
    const survey = pollock.filter((p) => p.family === 'survey');
    const polluted = pollock.filter((p) => p.family !== 'survey');
    const cellsOf = (xs: PollockResult[]) => [xs.reduce((n, p) => n + p.matched, 0), xs.reduce((n, p) => n + p.cells, 0)] as const;
    const [pm, pc] = cellsOf(polluted);
    const ran = survey.filter((p) => !p.skipped);
    const [sm, sc] = cellsOf(ran);
    const clearLine = (name: string, xs: ClearResult[]) =>
      `${name}: ${xs.length} files: ${count(xs, (x) => x.verdict === 'imported')} imported, ` +
      `${count(xs, (x) => x.verdict === 'failed-located')} failed with a located error ` +
      `(${count(xs, (x) => x.verdict === 'failed-located' && x.line)} with a line), ${count(xs, (x) => x.verdict === 'bad')} bad`;
    const summary = [
      `csv-spectrum: ${count(spectrum, (s) => s.pass)}/${spectrum.length} exact`,
      `Pollock file-level: ${count(fileLevel, (p) => p.recovered)}/${fileLevel.length} fully recovered`,
      `Pollock row-level: ${count(rowLevel, (p) => p.recovered)}/${rowLevel.length} recovered, ` +
        `${count(rowLevel, (p) => !p.recovered && p.locatedLine)} refused at a named line, ` +
        `${count(rowLevel, (p) => !p.recovered && !p.locatedLine)} neither`,
      `Pollock polluted files (file + row + source): ${count(polluted, (p) => p.recovered)}/${polluted.length} files, ` +
        `${pm}/${pc} cells (${pct(pm, pc)}) recovered`,
      `Pollock survey sample (real files): ${count(survey, (p) => p.recovered)}/${ran.length} files run, ${sm}/${sc} cells (${pct(sm, sc)}); ` +
        `${survey.length - ran.length} wide files skipped`,
      clearLine('DuckDB edge cases', edge),
      clearLine('SheetJS xlsx', xlsx),
      clearLine(`W3C CSVW (unique CSVs; ${csvwDuplicates} duplicates skipped)`, csvw),
      `time: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ];
    lines.push('# Import torture report', '', `Generated by test/integration/torture.test.ts on ${new Date().toISOString()}.`, '');
    lines.push('## Summary', '', ...summary.map((s) => `- ${s}`), '');

    lines.push('## 1. csv-spectrum', '', 'Every column forced to text, no null tokens; cells compared exactly (an empty cell reads as NULL).', '');
    lines.push('| file | result | detail |', '|---|---|---|');
    for (const s of spectrum) lines.push(`| ${s.name} | ${s.pass ? 'pass' : '**FAIL**'} | ${mdCell(s.detail)} |`);

    lines.push('', '## 2. Pollock polluted CSVs', '');
    lines.push(
      'Each polluted file is imported with every column forced to text and no null tokens, then compared cell by cell ' +
        '(trimmed, NULL = empty) with its clean twin read by an independent RFC-4180 reader. The clean twin is the truth: ' +
        'same rows, same columns, same header (multi-row headers joined with a space). Cells are matched by position, so a ' +
        'shifted row counts as lost.',
      '',
    );
    const unreached = [...POLLOCK_FILE_LEVEL_UNREACHED, ...POLLOCK_ROW_LEVEL_UNREACHED];
    if (unreached.length > 0) {
      lines.push('Pollutions not recovered, and why:', '');
      for (const n of unreached) lines.push(`- \`${n}\`: ${POLLOCK_WHY[n] ?? ''}`);
      lines.push('');
    }
    lines.push('The real files of survey_sample/ are reported, not asserted:', '');
    for (const [n, why] of Object.entries(SURVEY_NOTES)) lines.push(`- \`${n}\`: ${why}`);
    lines.push('');
    lines.push('| file | family | recovered | cells | detail | ms |', '|---|---|---|---|---|---|');
    for (const p of pollock) {
      const verdict = p.skipped ? 'skipped' : p.recovered ? 'yes' : p.locatedLine ? 'refused at a line' : '**no**';
      lines.push(`| ${p.name} | ${p.family} | ${verdict} | ${p.matched}/${p.cells} | ${mdCell(p.detail)} | ${p.ms} |`);
    }

    const clearTable = (title: string, intro: string, xs: ClearResult[]) => {
      lines.push('', title, '', intro, '', '| file | verdict | outcome | ms |', '|---|---|---|---|');
      for (const x of xs) {
        const verdict = x.verdict === 'bad' ? '**BAD**' : x.verdict === 'imported' ? 'imported' : x.line ? 'failed, line' : 'failed, file';
        lines.push(`| ${mdCell(x.name)} | ${verdict} | ${mdCell(x.outcome)} | ${x.ms} |`);
      }
    };
    clearTable(
      '## 3. DuckDB CSV reader corpus',
      'Default detection, as a user would import. "failed, line" = IMPORT_FAILED naming the file and a line; ' +
        '"failed, file" = naming the file only; BAD = a crash, a hang, an INTERNAL error or a message that does not name the file.',
      edge,
    );
    clearTable('## 4. SheetJS workbooks', 'First visible sheet, default detection.', xlsx);
    clearTable('## 5. W3C CSVW test CSVs', `Unique files only (${csvwDuplicates} byte-identical copies skipped).`, csvw);
    lines.push(
      '',
      '## Known limits',
      '',
      `- Wide files: detecting and checking column types (typing.ts) builds one SELECT over every column, and ` +
        `DuckDB's cost for it grows much faster than the column count (211 columns × 69 rows: about 15 s per pass; ` +
        `684 columns: minutes). Files wider than ${WIDE} columns are skipped here unless TORTURE_WIDE=1. Chunking ` +
        `those SELECTs by about 20 columns brings the 211-column check from 3.5 s to 0.6 s.`,
      '- Comment lines (`#`) are not skipped: such files fail at the first comment below the header, located.',
      '- Backslash escapes outside quotes (DuckDB\'s unquoted_escape) are not read: such files fail, located.',
    );
    mkdirSync(join(REPORT, '..'), { recursive: true });
    writeFileSync(REPORT, `${lines.join('\n')}\n`);
    console.log(`\nImport torture report (${relative(process.cwd(), REPORT)}):\n${summary.map((s) => `  ${s}`).join('\n')}\n`);
  }
});

/** Pollutions this pipeline does not recover (nor refuse at a line); each is explained in POLLOCK_WHY. */
const POLLOCK_FILE_LEVEL_UNREACHED: string[] = ['file_field_delimiter_0x20.csv'];
const POLLOCK_ROW_LEVEL_UNREACHED: string[] = ['row_less_sep_row0_col1.csv'];
const SURVEY_NOTES: Record<string, string> = {
  'Copy_of_2016-17_Q3_Final_V2.csv':
    'every value is recovered but three: the file holds U+009C (a pound sign mangled by an earlier cp850/Latin-1 ' +
    'round trip) where the clean twin has "œ" (the same byte read as Windows-1252) or nothing (in the header). ' +
    'The file is valid UTF-8, and we keep what it says.',
  'Sustainability_-_Water_consumption_P_56.csv':
    'the values are recovered; the header is not: "Water consumption,," above the names is a group title over the ' +
    'first column in Pollock\'s truth (a two-row header), and a title line for us (skipped as a preamble). An ' +
    'Excel title in A1 exports exactly the same way; nothing in the file tells them apart.',
  'Kokad pollen.csv': `211 columns: skipped unless TORTURE_WIDE=1 (typing takes about 15 s per pass, see below).`,
  'dd_Wickenburg_nobmp_623.csv': `684 columns: skipped unless TORTURE_WIDE=1 (typing takes minutes).`,
  'locations-1998.csv': 'an empty file: refused as empty, which is the truth (an empty table).',
};

const POLLOCK_WHY: Record<string, string> = {
  'file_field_delimiter_0x20.csv':
    'space-delimited, but ProductType values such as "Men\'s Waterproof Hiking Boots" are written unquoted, so a ' +
    'record has 12 to 17 space-separated fields for 9 columns: no reader can tell which spaces separate. Detection ' +
    'finds no even reading, keeps what DuckDB\'s sniffer proposed, and the import stops at a named line (a located ' +
    'refusal, not a recovery).',
  'row_less_sep_row0_col1.csv':
    'the header line lacks one separator ("DATETIME,Qty,...": 8 names) while every record has 9 fields, the last ' +
    'one empty. That is exactly a file whose records end with a trailing delimiter the header lacks, a common ' +
    'export shape that must import: the data is recovered cell for cell, the names are shifted and the ninth ' +
    'column is named column_9 (reported as RENAMED_HEADERS). Only the meaning of the names could tell them apart.',
};
