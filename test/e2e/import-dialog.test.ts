// End to end, the import dialog as a consultant uses it on a client's exports: a French CRM export
// as Excel writes it (Windows-1252, `;`, decimal comma, a title line, dd/mm/yyyy), its next month
// (a snapshot), a file whose dates cannot tell day from month, and a workbook with several sheets.
// Every figure the UI shows is checked against what DuckDB stored.
// Run `npx electron-vite build` first (the test serves out/renderer).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frDeals, XLSX_DEALS } from '../fixtures/e2e/generate';
import { ROOT, startApp, type App, type PageElement } from './harness';

const FIXTURES = join(ROOT, 'test/fixtures/e2e');
const FR = join(FIXTURES, 'affaires-fr.csv');
const FR_NOV = join(FIXTURES, 'affaires-fr-2026-11-30.csv');
const AMBIGUOUS = join(FIXTURES, 'renewals-ambiguous.csv');
const XLSX = join(FIXTURES, 'pipeline-q4.xlsx');

const DIALOG = '[data-testid="import-dialog"]';
const PREVIEW = '[data-testid="import-preview-table"]';
const DATA = '[data-testid="preview-table"]';

let app: App;

/** The texts of one column of the dialog's preview, by the column's final name. */
async function previewColumn(name: string): Promise<string[]> {
  return app.page.$eval(
    `${PREVIEW} table`,
    (table, column) => {
      const t = table as unknown as PageElement;
      const heads = Array.from(t.querySelectorAll('thead th'));
      const index = heads.findIndex((th) => th.getAttribute('data-column') === column);
      if (index < 0) return [];
      return Array.from(t.querySelectorAll('tbody tr'), (tr) => tr.querySelectorAll('td')[index]?.textContent ?? '');
    },
    name,
  );
}

async function previewHeaders(): Promise<string[]> {
  return app.page.$$eval(`${PREVIEW} thead th[data-column]`, (ths) =>
    ths.map((th) => (th as unknown as PageElement).getAttribute('data-column') ?? ''),
  );
}

/** Opens the dialog on a file through the file input, and waits for the first inspection. */
async function openDialog(file: string): Promise<void> {
  await app.page.setInputFiles('[data-testid="file-input"]', file);
  await app.page.waitForSelector(DIALOG);
  await app.page.waitForSelector(`${DIALOG} [data-testid="import-summary"]`, { timeout: 30_000 });
  await app.page.waitForSelector(`${DIALOG} [data-testid="inspect-loading"]`, { state: 'detached' });
}

/** Waits for the inspection run by a change to come back. */
async function settled(): Promise<void> {
  await app.page.waitForTimeout(350); // the dialog waits 300 ms for more changes before asking
  await app.page.waitForSelector(`${DIALOG} [data-testid="inspect-loading"]`, { state: 'detached', timeout: 30_000 });
}

/** Scrolls a scroll box so that an element inside it is at its left edge (null: back to the start). */
async function scrollTo(box: string, target: string | null): Promise<void> {
  await app.page.$eval(
    box,
    (el, selector) => {
      type Box = PageElement & { getBoundingClientRect(): { left: number } };
      const scroller = el as unknown as Box;
      const t = selector ? (scroller.querySelector(selector) as unknown as Box | null) : null;
      scroller.scrollLeft = t ? scroller.scrollLeft + t.getBoundingClientRect().left - scroller.getBoundingClientRect().left - 40 : 0;
    },
    target,
  );
}

async function value(testId: string): Promise<string> {
  return app.page.inputValue(`${DIALOG} [data-testid="${testId}"]`);
}

async function confirmImport(): Promise<void> {
  await app.page.waitForSelector(`${DIALOG} [data-testid="import-confirm"]:enabled`, { timeout: 30_000 });
  await app.page.click(`${DIALOG} [data-testid="import-confirm"]`);
  await app.page.waitForSelector(DIALOG, { state: 'detached', timeout: 60_000 });
}

beforeAll(async () => {
  app = await startApp();
  await app.page.waitForSelector('[data-testid="source-item-deals"]');
});

afterAll(async () => {
  await app?.close();
});

describe('The import dialog', () => {
  it('shows what it detected in a French export before importing anything', async () => {
    const before = await app.sourceNames();
    await openDialog(FR);
    // Nothing is imported by choosing a file.
    expect(await app.sourceNames()).toEqual(before);

    expect(await value('setting-format')).toBe('csv');
    expect(await value('setting-encoding')).toBe('windows-1252');
    expect(await value('setting-delimiter')).toBe(';');
    expect(await value('setting-skipRows')).toBe('1');
    expect(await value('setting-headerRows')).toBe('1');
    expect(await value('setting-decimalSeparator')).toBe(',');
    expect(await value('setting-thousandsSeparator')).toBe(' ');
    expect(await value('setting-dateOrder')).toBe('DMY');
    for (const name of ['encoding', 'delimiter', 'skipRows', 'decimalSeparator', 'dateOrder']) {
      expect(await app.page.getAttribute(`[data-testid="setting-row-${name}"]`, 'data-state')).toBe('detected');
    }
    const summary = (await app.page.textContent('[data-testid="import-summary"]')) ?? '';
    expect(summary).toContain('Windows-1252');
    expect(summary).toContain('48 rows');
    await app.page.waitForSelector(`${DIALOG} [data-testid="warning-TRANSCODED"]`);

    // The preview shows the rows as they will be imported: names decoded, amounts and dates read.
    expect(await previewHeaders()).toEqual([
      'Référence',
      "Nom de l'affaire",
      'Compte',
      'Propriétaire',
      'Étape',
      'Statut',
      'Montant',
      'Probabilité',
      'Date de création',
      'Date de clôture prévue',
      'Secteur',
    ]);
    expect((await previewColumn('Propriétaire')).slice(0, 2)).toEqual(['Hélène Lefèvre', 'François Dubœuf']);
    expect((await previewColumn('Compte'))[0]).toBe("Société Générale d'Équipement");
    expect((await previewColumn('Montant')).slice(0, 3)).toEqual(['12,500.50', '1,234.00', '125,000.00']);
    // Dates as the workspace's locale writes them (en-US here).
    expect((await previewColumn('Date de clôture prévue'))[0]).toBe('Oct 25, 2026');
    expect((await previewColumn('Date de création'))[1]).toBe('Aug 17, 2026');
    expect(await value('column-kind-Montant')).toBe('decimal');
    expect(await value('column-kind-Date de clôture prévue')).toBe('date');
    expect(await app.page.textContent(`${DIALOG} [data-testid="column-format-Date de clôture prévue"]`)).toBe('dd/mm/yyyy');
    expect(await app.page.inputValue('[data-testid="source-name"]')).toBe('affaires-fr');
    // The screenshot starts at "Propriétaire", to show accented names, amounts and dates side by side.
    await scrollTo(PREVIEW, `${PREVIEW} th[data-column="Propriétaire"]`);
    await app.shot('import-dialog-fr.png');
    await scrollTo(PREVIEW, null);
  });

  it('reads the file again, live, when a setting is fixed', async () => {
    // Without the title line skipped, the title becomes part of the header: the preview says so at once.
    await app.page.fill(`${DIALOG} [data-testid="setting-skipRows"]`, '0');
    await settled();
    expect(await app.page.getAttribute('[data-testid="setting-row-skipRows"]', 'data-state')).toBe('fixed');
    expect((await previewHeaders())[0]).toMatch(/^Export des affaires/);
    await app.page.click(`${DIALOG} [data-testid="reset-skipRows"]`);
    await settled();
    expect(await value('setting-skipRows')).toBe('1');
    expect(await app.page.getAttribute('[data-testid="setting-row-skipRows"]', 'data-state')).toBe('detected');
    expect((await previewHeaders())[0]).toBe('Référence');

    // "Référence" holds numbers, but it is an identifier: read it as text (no 10,001).
    expect(await value('column-kind-Référence')).toBe('integer');
    expect((await previewColumn('Référence'))[0]).toBe('10,001');
    await app.page.selectOption(`${DIALOG} [data-testid="column-kind-Référence"]`, 'text');
    await settled();
    expect(await value('column-kind-Référence')).toBe('text');
    expect((await previewColumn('Référence'))[0]).toBe('10001');
    await app.page.waitForSelector(`${DIALOG} [data-testid="column-kind-reset-Référence"]`);
  });

  it('proposes the roles of the columns and takes a correction', async () => {
    await app.page.click(`${DIALOG} [data-testid="import-tab-roles"]`);
    await app.page.waitForSelector(`${DIALOG} [data-testid="roles-panel"]`);
    expect(await value('role-select-owner')).toBe('Propriétaire');
    expect(await value('role-select-amount')).toBe('Montant');
    expect(await value('role-select-status')).toBe('Statut');
    expect(await value('role-select-stage')).toBe('Étape');
    expect(await value('role-select-account')).toBe('Compte');
    expect(await value('role-select-created_at')).toBe('Date de création');
    expect(await value('role-select-expected_close_at')).toBe('Date de clôture prévue');
    // The reason is there on hover.
    expect(await app.page.getAttribute(`${DIALOG} [data-testid="role-origin-owner"]`, 'title')).toMatch(/\S/);

    expect(await value('role-select-deal_id')).toBe('Référence');
    expect(await value('role-select-industry')).toBe('Secteur');

    // This client's "Secteur" is the rep's territory, not the industry: the consultant moves it.
    await app.page.selectOption(`${DIALOG} [data-testid="role-select-region"]`, 'Secteur');
    expect(await value('role-select-industry')).toBe('');
    expect(await app.page.textContent(`${DIALOG} [data-testid="role-origin-region"]`)).toBe('set by you');
    expect(await app.page.textContent(`${DIALOG} [data-testid="role-origin-industry"]`)).toBe('was Secteur');
    await app.page.$eval(`${DIALOG} [data-testid="roles-group-account"]`, (el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'center' }));
    await app.shot('import-dialog-roles.png');
    await app.page.click(`${DIALOG} [data-testid="import-tab-preview"]`);
    expect(await app.page.textContent(`${DIALOG} [data-testid="role-chip-Secteur"]`)).toBe('Region');
  });

  it('imports it as a new source, dated as the export says, and stores the right values', async () => {
    expect(await app.page.textContent('[data-testid="source-match"]')).toContain('A new source');
    await app.page.fill('[data-testid="snapshot-date"]', '2026-10-31');
    await confirmImport();

    await app.page.waitForSelector('[data-testid="source-item-affaires-fr"][aria-current="true"]');
    const done = (await app.page.textContent('[data-testid="import-done"]')) ?? '';
    expect(done).toContain('affaires-fr.csv');
    expect(done).toContain('48 rows');
    expect(done).toContain('2026-10-31');
    await expect.poll(() => app.page.textContent('[data-testid="row-count"]')).toBe('48 rows');
    for (const text of ['12,500.50', '1,234.00', 'Oct 25, 2026', 'Hélène Lefèvre', 'François Dubœuf', "Société Générale d'Équipement"]) {
      await app.page.waitForSelector(`${DATA} [role="gridcell"]:text-is("${text}")`);
    }
    await scrollTo(`${DATA} [role="grid"]`, `${DATA} [role="columnheader"]:nth-child(5)`);
    await app.shot('imported-fr.png');

    // What DuckDB holds.
    const table = await app.tableOf('affaires-fr');
    const rows = await app.sql(
      `SELECT "Référence" AS ref, "Montant" AS amount, "Date de clôture prévue"::VARCHAR AS close, "Date de création"::VARCHAR AS created,
              "Propriétaire" AS owner, "Compte" AS account, "Statut" AS status
       FROM ${table} ORDER BY "Référence" LIMIT 3`,
    );
    expect(rows.map((r) => [r.ref, Number(r.amount), r.close, r.created, r.owner, r.status])).toEqual([
      ['10001', 12500.5, '2026-10-25', '2026-09-03', 'Hélène Lefèvre', 'En cours'],
      ['10002', 1234, '2026-10-02', '2026-08-17', 'François Dubœuf', 'Gagné'],
      ['10003', 125000, '2026-09-30', '2026-07-21', 'Zoé Mercier', 'Perdu'],
    ]);
    expect(rows[0]!.account).toBe("Société Générale d'Équipement");
    const types = await app.sql(
      `SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = ${table.replace(/"/g, "'")}`,
    );
    const typeOf = Object.fromEntries(types.map((r) => [r.c, String(r.t)]));
    expect(typeOf['Référence']).toBe('VARCHAR');
    expect(typeOf['Date de clôture prévue']).toBe('DATE');
    expect(typeOf['Montant']).toMatch(/^(DECIMAL|DOUBLE)/);
    const expected = frDeals(10);
    const totals = (await app.sql(`SELECT count(*)::INTEGER AS n, sum("Montant")::DOUBLE AS s, count("Montant")::INTEGER AS k FROM ${table}`))[0]!;
    expect(totals.n).toBe(expected.length);
    expect(totals.k).toBe(expected.filter((d) => d.amount !== null).length);
    expect(Number(totals.s)).toBeCloseTo(expected.reduce((s, d) => s + (d.amount ?? 0), 0), 2);

    const ws = await app.core.getWorkspace();
    const info = ws.ok ? ws.value.sources.find((s) => s.name === 'affaires-fr') : undefined;
    expect(info?.snapshots.map((s) => s.date)).toEqual(['2026-10-31']);
    expect(info?.roles).toMatchObject({
      deal_id: 'Référence',
      owner: 'Propriétaire',
      amount: 'Montant',
      expected_close_at: 'Date de clôture prévue',
      region: 'Secteur',
    });
    expect(info?.roles.industry).toBeUndefined();
  });

  it("adds next month's export as a snapshot of the same source", async () => {
    await openDialog(FR_NOV);
    const match = (await app.page.textContent('[data-testid="source-match"]')) ?? '';
    expect(match).toContain('Same columns as “affaires-fr”');
    expect(match).toContain('2026-11-30');
    expect(await app.page.inputValue('[data-testid="snapshot-date"]')).toBe('2026-11-30');
    expect(await app.page.textContent(`${DIALOG} [data-testid="import-confirm"]`)).toBe('Add snapshot');
    // The earlier snapshot stored "Référence" as text: the dialog offers to read it the same way.
    // (The engine remembers roles for a shape of file, not column types: it proposes integer again.)
    if (await app.page.locator(`${DIALOG} [data-testid="warning-SNAPSHOT_KINDS"]`).count()) {
      expect(await app.page.textContent(`${DIALOG} [data-testid="warning-SNAPSHOT_KINDS"]`)).toContain('Référence: integer here, text before');
      await app.shot('import-dialog-snapshot.png');
      await app.page.click(`${DIALOG} [data-testid="kinds-as-before"]`);
      await settled();
    } else {
      await app.shot('import-dialog-snapshot.png');
    }
    expect(await value('column-kind-Référence')).toBe('text');

    // A date that already has a snapshot must be replaced on purpose.
    await app.page.fill('[data-testid="snapshot-date"]', '2026-10-31');
    await app.page.waitForSelector('[data-testid="replace-snapshot"]');
    expect(await app.page.isDisabled(`${DIALOG} [data-testid="import-confirm"]`)).toBe(true);
    await app.page.fill('[data-testid="snapshot-date"]', '2026-11-30');
    await app.page.waitForSelector('[data-testid="replace-snapshot"]', { state: 'detached' });

    // It could go to a source of its own instead; typing the name back adds it to "affaires-fr" again.
    await app.page.click('[data-testid="new-source-instead"]');
    await settled();
    expect(await app.page.inputValue('[data-testid="source-name"]')).toBe('affaires-fr-2026-11-30');
    expect(await app.page.textContent('[data-testid="source-match"]')).toContain('A new source');
    expect(await app.page.textContent(`${DIALOG} [data-testid="import-confirm"]`)).toBe('Import');
    await app.page.fill('[data-testid="source-name"]', 'affaires-fr');
    await settled();
    expect(await app.page.textContent('[data-testid="source-match"]')).toContain('Same columns as “affaires-fr”');

    // The role corrected last month is remembered.
    await app.page.click(`${DIALOG} [data-testid="import-tab-roles"]`);
    expect(await value('role-select-region')).toBe('Secteur');
    expect(await value('role-select-industry')).toBe('');
    await app.page.click(`${DIALOG} [data-testid="import-tab-preview"]`);
    await confirmImport();

    await expect.poll(() => app.page.textContent('[data-testid="source-snapshots-affaires-fr"]')).toBe('2 snapshots');
    expect(await app.page.textContent('[data-testid="import-done"]')).toContain('as the snapshot of 2026-11-30');
    await app.page.click('[data-testid="snapshot-menu"]');
    const list = (await app.page.textContent('[data-testid="snapshot-list"]')) ?? '';
    expect(list.indexOf('2026-11-30')).toBeLessThan(list.indexOf('2026-10-31'));
    expect(list).toContain('48 rows');
    await app.page.keyboard.press('Escape');
    const ws = await app.core.getWorkspace();
    const info = ws.ok ? ws.value.sources.find((s) => s.name === 'affaires-fr') : undefined;
    expect(info?.snapshots.map((s) => s.date)).toEqual(['2026-10-31', '2026-11-30']);
  });

  it('asks the user which date order when every date is ambiguous', async () => {
    await openDialog(AMBIGUOUS);
    const question = app.page.locator(`${DIALOG} [data-testid="warning-AMBIGUOUS_DATE_ORDER"]`);
    await question.waitFor();
    // The question quotes a date of the file, both ways.
    expect(await question.textContent()).toContain('Dates like 03/04/2026: is that 3 April 2026 or March 4, 2026?');
    await app.shot('import-dialog-ambiguous-dates.png');

    await app.page.click(`${DIALOG} [data-testid="date-order-MDY"]`);
    await settled();
    // Answered, the question stays in view with the answer.
    expect(await app.page.textContent(`${DIALOG} [data-testid="date-order-answer"]`)).toContain('03/04/2026 is read as March 4, 2026');
    expect(await value('setting-dateOrder')).toBe('MDY');
    expect(await app.page.getAttribute('[data-testid="setting-row-dateOrder"]', 'data-state')).toBe('fixed');
    expect((await previewColumn('Renewal Date'))[0]).toBe('Mar 4, 2026');

    await app.page.selectOption(`${DIALOG} [data-testid="setting-dateOrder"]`, 'DMY');
    await settled();
    expect((await previewColumn('Renewal Date'))[0]).toBe('Apr 3, 2026');
    await app.page.selectOption(`${DIALOG} [data-testid="setting-dateOrder"]`, 'MDY');
    await settled();
    expect((await previewColumn('Renewal Date')).slice(0, 3)).toEqual(['Mar 4, 2026', 'May 6, 2026', 'Nov 12, 2026']);
    await confirmImport();

    await app.page.waitForSelector('[data-testid="source-item-renewals-ambiguous"][aria-current="true"]');
    const rows = await app.sql(
      `SELECT "Deal ID" AS id, "Renewal Date"::VARCHAR AS d, "Amount" AS a FROM ${await app.tableOf('renewals-ambiguous')} ORDER BY 1`,
    );
    expect(rows.slice(0, 3).map((r) => [r.id, r.d, Number(r.a)])).toEqual([
      ['R-100', '2026-03-04', 1250],
      ['R-101', '2026-05-06', 1750],
      ['R-102', '2026-11-12', 2250],
    ]);
  });

  it('imports the sheet the user picks from a workbook', async () => {
    await openDialog(XLSX);
    expect(await value('setting-format')).toBe('xlsx');
    expect(await app.page.textContent('[data-testid="import-summary"]')).toContain('Excel workbook');
    const options = await app.page.$$eval(`${DIALOG} [data-testid="sheet-select"] option`, (os) =>
      os.map((o) => (o as unknown as PageElement).textContent ?? ''),
    );
    expect(options.map((o) => o.split(' · ')[0])).toEqual(['Read me', 'Deals', 'Old deals (hidden)']);
    // The first visible sheet is a note: the data is on "Deals".
    expect(await value('sheet-select')).toBe('Read me');
    await app.page.selectOption(`${DIALOG} [data-testid="sheet-select"]`, 'Deals');
    await settled();
    expect(await previewHeaders()).toEqual(['Deal', 'Owner', 'Amount', 'Close date', 'Won']);
    expect((await previewColumn('Amount')).slice(0, 2)).toEqual(['18,250.75', '4,200.00']);
    expect((await previewColumn('Close date'))[0]).toBe('Oct 14, 2026');
    expect(await value('column-kind-Won')).toBe('boolean');
    await app.shot('import-dialog-xlsx.png');
    await app.page.fill('[data-testid="source-name"]', 'pipeline q4');
    await settled();
    await confirmImport();

    await app.page.waitForSelector('[data-testid="source-item-pipeline q4"][aria-current="true"]');
    const rows = await app.sql(
      `SELECT "Deal" AS deal, "Amount" AS amount, "Close date"::VARCHAR AS d, "Won" AS won FROM ${await app.tableOf('pipeline q4')}`,
    );
    expect(rows.map((r) => [r.deal, Number(r.amount), r.d, r.won])).toEqual(XLSX_DEALS.map(([deal, , amount, d, won]) => [deal, amount, d, won]));
  });

  it('closes on Escape without importing anything', async () => {
    const before = await app.sourceNames();
    await openDialog(FR);
    await app.page.keyboard.press('Escape');
    await app.page.waitForSelector(DIALOG, { state: 'detached' });
    expect(await app.sourceNames()).toEqual(before);
    const ws = await app.core.getWorkspace();
    expect(ws.ok && ws.value.sources.map((s) => s.name)).toEqual(before);
  });

  it('removes a source after asking', async () => {
    await app.page.click('[data-testid="source-item-renewals-ambiguous"]');
    await app.page.click('[data-testid="remove-source"]');
    await app.page.waitForSelector('[data-testid="remove-dialog"]');
    await app.page.click('[data-testid="confirm-remove"]');
    await app.page.waitForSelector('[data-testid="source-item-renewals-ambiguous"]', { state: 'detached' });
    const ws = await app.core.getWorkspace();
    expect(ws.ok && ws.value.sources.some((s) => s.name === 'renewals-ambiguous')).toBe(false);
  });

  it('shows the number of snapshots of each source in the sidebar', async () => {
    expect(await app.page.textContent('[data-testid="source-snapshots-pipeline"]')).toBe('24 snapshots');
  });

  it('ran without errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
