// The pivot table component (renderer/src/features/pivot/PivotTable.tsx) rendered to markup with
// react-dom/server, on real query results of the demo deals: headers, totals, figures formatted
// in the workspace's locale and currency, translated words, colour scale, ▲/▼ changes, selection,
// aria attributes, and only a window of rows in the DOM for a large pivot.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import { messagesFor, type Language } from '../../shared/i18n';
import type { AnalysisSpec } from '../../shared/spec/types';
import type { PivotTableProps } from '../../renderer/src/features/pivot/pivot-props';
import { createFormats } from '../../renderer/src/ui/format';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const DEALS = resolve(import.meta.dirname, '..', '..', 'resources', 'samples', 'deals.csv');
const WON_2025 = [
  { column: 'status', op: 'eq' as const, values: ['Won'] },
  { column: 'closed_at', op: 'in_period' as const, period: { from: '2025-01-01', to: '2026-01-01' } },
];
const WON_2025_SQL = `status = 'Won' AND closed_at >= DATE '2025-01-01' AND closed_at < DATE '2026-01-01'`;
const NNBSP = '\u202f';
// The component is a .tsx of the web project (JSX, DOM types), outside this node project's type
// check: vitest loads and transforms it at run time.
const PIVOT_TABLE = resolve(import.meta.dirname, '..', '..', 'renderer', 'src', 'features', 'pivot', 'PivotTable.tsx');
let PivotTable: (props: PivotTableProps) => ReactElement | null;

let t: Awaited<ReturnType<typeof tempCore>>;
let db: Awaited<ReturnType<typeof memoryConnection>>;
const sql = (q: string) => rowsOf(db.conn, q);
const query = async (spec: AnalysisSpec): Promise<QueryResult> => must(await t.core.runQuery({ spec }));

type Extra = Partial<Omit<PivotTableProps, 'reader' | 'columns' | 'spec'>>;
async function render(spec: AnalysisSpec, extra: Extra = {}, language: Language = 'en'): Promise<string> {
  const result = await query(spec);
  const props: PivotTableProps = {
    reader: readArrow(result.ipc),
    columns: result.columns,
    spec,
    display: { locale: 'en-US', currency: 'EUR', theme: 'light' },
    ...extra,
  };
  return renderToString(createElement(IntlProvider, { locale: language, messages: messagesFor(language) }, createElement(PivotTable, props)));
}

const decode = (s: string) =>
  s.replace(/<!-- -->/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
/** Every table cell: its opening tag and its text. */
function cells(markup: string): { tag: string; open: string; text: string }[] {
  return [...markup.matchAll(/<(td|th)\b([^>]*)>(.*?)<\/\1>/g)].map((m) => ({
    tag: m[1]!,
    open: decode(m[2]!),
    // What a sighted reader sees: no visually hidden words, no aria-hidden glyphs.
    text: decode(m[3]!.replace(/<span class="visually-hidden">.*?<\/span>/g, '').replace(/<span[^>]*aria-hidden="true"[^>]*>.*?<\/span>/g, '').replace(/<[^>]+>/g, '')),
  }));
}
/** The cells of each body row, by the row's header text. */
function bodyRows(markup: string): Map<string, { open: string; cells: ReturnType<typeof cells> }> {
  const rows = new Map<string, { open: string; cells: ReturnType<typeof cells> }>();
  const body = markup.slice(markup.indexOf('<tbody'));
  for (const m of body.matchAll(/<tr\b([^>]*)>(.*?)<\/tr>/g)) {
    const c = cells(m[2]!);
    if (c[0]?.tag === 'th') rows.set(c[0].text, { open: decode(m[1]!), cells: c });
  }
  return rows;
}
const headerTexts = (markup: string) => cells(markup.slice(0, markup.indexOf('</thead>'))).map((c) => c.text);

beforeAll(async () => {
  ({ PivotTable } = (await import(/* @vite-ignore */ PIVOT_TABLE)) as { PivotTable: typeof PivotTable });
  t = await tempCore();
  must(await t.core.importFile({ file: { kind: 'path', path: DEALS }, sourceName: 'deals', snapshotDate: '2026-11-01' }));
  db = await memoryConnection();
  await db.conn.run(`CREATE TABLE deals AS SELECT * FROM read_csv('${DEALS}', header = true)`);
}, 120_000);
afterAll(() => {
  db?.close();
  t?.dispose();
});

const byTeamOwnerQuarter: AnalysisSpec = {
  source: 'deals',
  measures: [{ op: 'sum', column: 'amount', label: 'Revenue won' }],
  dimensions: [{ column: 'team' }, { column: 'owner' }, { column: 'closed_at', grain: 'quarter' }],
  columns: ['d2'],
  totals: 'subtotals',
  filters: WON_2025,
};

describe('PivotTable markup', () => {
  it('headers, nested rows, subtotals and the grand total, figures in euros (en-US)', async () => {
    const markup = await render(byTeamOwnerQuarter, { label: 'Revenue by rep' });
    expect(markup).toContain('role="treegrid"');
    expect(markup).toContain('aria-label="Revenue by rep"');
    expect(headerTexts(markup)).toEqual(['team / owner', 'Q1 2025', 'Q2 2025', 'Q3 2025', 'Q4 2025', 'Grand total']);
    // Leaf headers and the corner (by label) are sort buttons with aria-sort; the corner folds every group.
    expect(markup.match(/aria-sort="none"/g)).toHaveLength(6);
    expect(markup).toContain('aria-label="Collapse all"');

    const f = createFormats({ locale: 'en-US', currency: 'EUR' });
    const money = (v: unknown) => f.currency(Math.round(Number(v)));
    const rows = bodyRows(markup);
    const details = await sql(`SELECT team, owner, CAST(date_trunc('quarter', closed_at) AS DATE) AS q, sum(amount) AS v
      FROM deals WHERE ${WON_2025_SQL} GROUP BY ALL`);
    const quarters = ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01'];
    for (const d of details.slice(0, 20)) {
      const row = rows.get(String(d.owner))!;
      expect(row.open).toContain('aria-level="2"');
      expect(row.cells[1 + quarters.indexOf(String(d.q))]!.text).toBe(money(d.v));
    }
    expect(money(details[0]!.v)).toMatch(/^€\d{1,3}(,\d{3})+$/);

    const [enterprise] = await sql(`SELECT sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} AND team = 'Enterprise'`);
    const group = rows.get('Enterprise')!;
    expect(group.open).toContain('aria-expanded="true"');
    expect(group.open).toContain('aria-level="1"');
    expect(group.open).toContain('pivot-row-group');
    expect(group.cells[0]!.open).toContain('scope="row"');
    expect(markup).toContain('aria-label="Collapse Enterprise"');
    expect(group.cells.at(-1)!.text).toBe(money(enterprise!.v));
    expect(group.cells.at(-1)!.open).toContain('is-total');

    // The grand total row sits in the footer (sticky), labelled and bold.
    const foot = markup.slice(markup.indexOf('<tfoot'));
    const [grand] = await sql(`SELECT sum(amount) AS v FROM deals WHERE ${WON_2025_SQL}`);
    const footCells = cells(foot);
    expect(footCells[0]!.text).toBe('Grand total');
    expect(footCells.at(-1)!.text).toBe(money(grand!.v));
    expect(foot).toContain('pivot-row-grand');
  });

  it('French words and fr-FR figures: T1 2025, Total général, 1 234 567 €', async () => {
    const markup = await render(byTeamOwnerQuarter, { display: { locale: 'fr-FR', currency: 'EUR', theme: 'light' } }, 'fr');
    expect(headerTexts(markup)).toEqual(['team / owner', 'T1 2025', 'T2 2025', 'T3 2025', 'T4 2025', 'Total général']);
    expect(markup).toContain('aria-label="Tableau croisé dynamique"');
    expect(markup).toContain('aria-label="Replier Enterprise"');
    const [grand] = await sql(`SELECT round(sum(amount)) AS v FROM deals WHERE ${WON_2025_SQL}`);
    const text = cells(markup.slice(markup.indexOf('<tfoot'))).at(-1)!.text;
    const digits = String(Number(grand!.v));
    // Thousands grouped with a narrow no-break space, the euro sign after.
    expect(text).toBe(`${digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP)}\u00a0€`);
    expect(cells(markup.slice(markup.indexOf('<tfoot')))[0]!.text).toBe('Total général');
  });

  it('colour scale on detail figures only, one hue or green/red with higherIsBetter', async () => {
    const plain = await render(byTeamOwnerQuarter);
    expect(plain).not.toContain('background-color');
    const neutral = bodyRows(await render(byTeamOwnerQuarter, { colorScale: true }));
    const detail = [...neutral.values()].find((r) => r.open.includes('pivot-row-detail'))!;
    expect(detail.cells.slice(1, 5).every((c) => /background-color:rgba\(66, 99, 235/.test(c.open))).toBe(true);
    // Subtotals and the total column are not tinted.
    expect(detail.cells.at(-1)!.open).not.toContain('background-color');
    expect(neutral.get('Enterprise')!.cells.some((c) => c.open.includes('background-color'))).toBe(false);

    const judged = await render(byTeamOwnerQuarter, { colorScale: true, higherIsBetter: true, display: { locale: 'en-US', currency: 'EUR', theme: 'dark' } });
    // The largest figure is the greenest, the smallest the reddest (dark theme palette).
    const [extremes] = await sql(`SELECT max(v) AS hi, min(v) AS lo FROM (SELECT sum(amount) AS v FROM deals WHERE ${WON_2025_SQL}
      GROUP BY team, owner, date_trunc('quarter', closed_at))`);
    const f = createFormats({ locale: 'en-US', currency: 'EUR' });
    const all = [...bodyRows(judged).values()].flatMap((r) => r.cells);
    expect(all.find((c) => c.text === f.currency(Math.round(Number(extremes!.hi))))!.open).toContain('rgba(64, 192, 87, 0.5)');
    expect(all.find((c) => c.text === f.currency(Math.round(Number(extremes!.lo))))!.open).toContain('rgba(250, 82, 82, 0.5)');
  });

  it('comparison: change % with ▲/▼, the direction in words, previous value in the title', async () => {
    const spec: AnalysisSpec = {
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }],
      dimensions: [{ column: 'team' }, { column: 'closed_at', grain: 'quarter' }],
      columns: ['d1'],
      compare: { to: 'previous_period' },
      filters: WON_2025,
    };
    const markup = await render(spec);
    expect(markup).toContain('role="grid"');
    expect(headerTexts(markup)).toEqual(['team', 'Q1 2025', 'Q2 2025', 'Q3 2025', 'Q4 2025', ...Array(4).fill(['Sum of amount', 'Change %']).flat()]);
    const rows = bodyRows(markup);
    const expected = await sql(`WITH q AS (SELECT team, CAST(date_trunc('quarter', closed_at) AS DATE) AS q, sum(amount) AS v
        FROM deals WHERE status = 'Won' AND closed_at >= DATE '2024-10-01' AND closed_at < DATE '2026-01-01' GROUP BY ALL)
      SELECT c.team, c.q, c.v, p.v AS prev FROM q c JOIN q p ON p.team = c.team AND p.q = c.q - INTERVAL 3 MONTH
      WHERE c.q = DATE '2025-04-01'`);
    const f = createFormats({ locale: 'en-US', currency: 'EUR' });
    for (const e of expected) {
      const cell = rows.get(String(e.team))!.cells[4]!; // Q2 2025's change %
      const change = (Number(e.v) - Number(e.prev)) / Math.abs(Number(e.prev));
      expect(cell.text).toBe(f.fractionPercent(Math.abs(change)));
      expect(cell.open).toContain('pivot-change');
      expect(cell.open).toContain(change > 0 ? 'is-good' : 'is-bad');
      expect(cell.open).toContain(`title="Previous period: ${f.currency(Math.round(Number(e.prev)))}`);
    }
    expect(markup).toMatch(/<span aria-hidden="true" class="pivot-arrow">▲<\/span><span class="visually-hidden">up<\/span>/);
  });

  it('marks the selected cell and the selected row header', async () => {
    const markup = await render(byTeamOwnerQuarter, { selected: { d0: 'Enterprise', d1: 'Oliver Bennett', d2: '2025-04-01' } });
    const selected = cells(markup).filter((c) => c.open.includes('aria-selected="true"'));
    expect(selected).toHaveLength(1);
    expect(selected[0]!.open).toContain('is-selected');
    const f = createFormats({ locale: 'en-US', currency: 'EUR' });
    const [v] = await sql(`SELECT sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} AND owner = 'Oliver Bennett'
      AND closed_at >= DATE '2025-04-01' AND closed_at < DATE '2025-07-01'`);
    expect(selected[0]!.text).toBe(f.currency(Math.round(Number(v!.v))));
    // A team selected: its row header, and its total figure (the same selection).
    const row = cells(await render(byTeamOwnerQuarter, { selected: { d0: 'SMB' } })).filter((c) => c.open.includes('aria-selected="true"'));
    const [smb] = await sql(`SELECT sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} AND team = 'SMB'`);
    expect(row.map((c) => [c.tag, c.text])).toEqual([['th', 'SMB'], ['td', f.currency(Math.round(Number(smb!.v)))]]);
  });

  it('keeps a 10,000-row pivot to a window of rows in the DOM', async () => {
    // 20 reps × 520 accounts each, one line per (rep, account, month): a pivot of 10,420 rows.
    const lines = ['rep,account,month,amount'];
    for (let r = 0; r < 20; r++) {
      for (let a = 0; a < 520; a++) {
        for (const m of ['2025-01-15', '2025-02-15']) lines.push(`Rep ${String(r).padStart(2, '0')},Account ${r}-${a},${m},${(r * 7919 + a * 104729 + m.length) % 100000}`);
      }
    }
    const file = join(t.dir, 'big.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    must(await t.core.importFile({ file: { kind: 'path', path: file }, sourceName: 'big' }));
    const spec: AnalysisSpec = {
      source: 'big',
      measures: [{ op: 'sum', column: 'amount' }],
      dimensions: [{ column: 'rep' }, { column: 'account' }, { column: 'month', grain: 'month' }],
      columns: ['d2'],
      totals: 'subtotals',
      limit: 50_000,
    };
    const started = performance.now();
    const markup = await render(spec);
    const elapsed = performance.now() - started;
    const [n] = await sql(`SELECT count(DISTINCT account) + count(DISTINCT rep) AS rows, sum(amount) AS total FROM read_csv('${file}')`);
    expect(Number(n!.rows)).toBe(10_420);
    const headerRows = 1;
    expect(markup).toContain(`aria-rowcount="${headerRows + 10_420 + 1}"`);
    const rendered = markup.match(/<tr\b[^>]*class="pivot-row /g) ?? [];
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(80);
    // A spacer stands for the rows below the window; the grand total is in the footer.
    expect(markup).toMatch(/class="pivot-spacer" aria-hidden="true" style="height:\d{6}px"/);
    const f = createFormats({ locale: 'en-US', currency: 'EUR' });
    expect(cells(markup.slice(markup.indexOf('<tfoot'))).at(-1)!.text).toBe(f.currency(Math.round(Number(n!.total))));
    // Query, Arrow reading, layout and markup of the window together.
    expect(elapsed).toBeLessThan(5000);
  });

  it("empty result: says so, in the user's language", async () => {
    const markup = await render(
      { ...byTeamOwnerQuarter, filters: [{ column: 'owner', op: 'eq', values: ['Nobody'] }] },
      {},
      'de',
    );
    expect(markup).toContain('Keine Zahlen für diese Auswahl.');
    expect(markup).not.toContain('<table');
  });
});

describe('ResultTable markup (table mode)', () => {
  it('the rows as they come, total rows labelled, figures formatted, sortable headers', async () => {
    const spec: AnalysisSpec = {
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }, { op: 'count' }],
      dimensions: [{ column: 'team' }, { column: 'owner' }],
      totals: 'subtotals',
      filters: WON_2025,
    };
    const markup = await render(spec, { mode: 'table', display: { locale: 'de-DE', currency: 'EUR', theme: 'light' } }, 'de');
    expect(markup).toContain('aria-label="Ergebnistabelle"');
    expect(headerTexts(markup)).toEqual(['team', 'owner', 'Sum of amount', 'Count']);
    expect(markup.match(/aria-sort="none"/g)).toHaveLength(4);
    const rows = [...markup.slice(markup.indexOf('<tbody')).matchAll(/<tr\b([^>]*)>(.*?)<\/tr>/g)]
      .filter((m) => m[1]!.includes('result-row'))
      .map((m) => cells(m[2]!).map((c) => c.text));
    const expected = await sql(`SELECT team, owner, sum(amount) AS v, count(*) AS n FROM deals WHERE ${WON_2025_SQL}
      GROUP BY GROUPING SETS ((team, owner), (team), ()) ORDER BY GROUPING(team), team, GROUPING(owner), owner`);
    expect(rows).toHaveLength(expected.length);
    const f = createFormats({ locale: 'de-DE', currency: 'EUR' });
    expected.forEach((e, i) => {
      const team = e.team === null ? 'Gesamt' : String(e.team);
      const owner = e.owner === null ? (e.team === null ? '' : 'Gesamt') : String(e.owner);
      expect(rows[i]).toEqual([team, owner, f.currency(Math.round(Number(e.v))), f.integer(Number(e.n))]);
    });
    expect(rows[0]![2]).toMatch(/^\d{1,3}(\.\d{3})+\u00a0€$/);
  });
});
