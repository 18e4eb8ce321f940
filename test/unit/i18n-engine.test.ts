// Texts the engine builds, in the user's language: role detection reasons, import warnings, progress
// steps and KPI errors carry catalog keys with their values, and each reads in French, Dutch and
// German without an English fallback; and the figures of the data grid, the import preview and the
// profile follow the workspace's locale, not the UI language. Real files, a real DuckDB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../electron/core/api';
import { runKpis } from '../../electron/core/kpi';
import { Operations } from '../../electron/core/operations';
import { sheetToCsv } from '../../electron/core/import/xlsx';
import type { ImportWarning, RoleAssignment } from '../../shared/import/types';
import { createTranslator, engineTextOf, errorMessage, LANGUAGES, type Language } from '../../shared/i18n';
import { cellText, timestampText, valueText } from '../../renderer/src/ui/cell-text';
import { createFormats } from '../../renderer/src/ui/format';
import { previewCellText } from '../../renderer/src/features/import/import-model';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = '/work/shared/data/sheetjs-xlsx-samples';
const t = (l: Language) => createTranslator(l).t;

/** Every text in every language: translated (not the English fallback), and no ICU left over. */
function everyLanguage(items: { text: Parameters<typeof engineTextOf>[1]; english: string }[]): Record<Language, string[]> {
  const out = {} as Record<Language, string[]>;
  for (const l of LANGUAGES) {
    out[l] = items.map(({ text, english }) => {
      const shown = engineTextOf(t(l), text, english);
      expect(shown.translated, `${l}: ${JSON.stringify(text)}`).toBe(true);
      expect(shown.text).not.toMatch(/[{}]/);
      return shown.text;
    });
  }
  return out;
}

const FRENCH_DEALS = `Référence;Propriétaire;Étape;Montant;Date de création;Date de clôture prévue;Montant
10001;Hélène Lefèvre;Gagné;12 500,50;03/09/2026;25/10/2026;1
10002;François Dubois;Perdu;1 234,00;17/08/2026;02/10/2026;2
10003;Zoé Mercier;Proposition;125 000,00;21/07/2026;30/09/2026;3
10004;Hélène Lefèvre;Qualification;8 000,00;01/07/2026;15/11/2026;4
10005;Zoé Mercier;Gagné;4 300,00;14/06/2026;20/09/2026;5
10006;François Dubois;Négociation;60 000,00;22/05/2026;30/12/2026;6
`;

const DEALS = `deal_id,owner,status,amount,created_at,closed_at
D1,Alice,Won,1000,2024-01-10,2024-02-15
D2,Bob,Lost,800,2024-03-01,2024-04-10
`;
const ACTIVITIES = `activity_id,deal_id,owner,activity_type,activity_at,outcome
A1,D1,Alice,Call,2024-01-12 09:00:00,Reached
A2,D2,Bob,Meeting,2024-03-05 10:00:00,Completed
`;

describe('the engine’s texts in four languages', () => {
  let ws: Awaited<ReturnType<typeof tempCore>>;
  let core: CoreApi;
  let dir: string;

  beforeAll(async () => {
    ws = await tempCore();
    core = ws.core;
    dir = mkdtempSync(join(tmpdir(), 'qd-i18n-engine-'));
  });
  afterAll(() => {
    ws?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('role detection reasons and import warnings of a French export', async () => {
    const file = join(dir, 'affaires.csv');
    writeFileSync(file, FRENCH_DEALS, 'latin1');
    const inspection = must(await core.inspectImport({ file: { kind: 'path', path: file } }));
    const detected = inspection.roles.filter((r) => r.origin === 'detected');
    expect(detected.length).toBeGreaterThanOrEqual(4);
    const reasons = everyLanguage(detected.map((r: RoleAssignment) => ({ text: r.reasonText, english: r.reason })));
    const owner = detected.findIndex((r) => r.role === 'owner');
    expect(owner).toBeGreaterThanOrEqual(0);
    // The role by its name in each language, the language the header is written in by its name.
    expect(reasons.fr[owner]).toContain('« Propriétaire »');
    expect(reasons.fr[owner]).toContain('Commercial');
    expect(reasons.fr[owner]).toContain('français');
    expect(reasons.de[owner]).toContain('Französisch');
    expect(reasons.nl[owner]).toContain('Frans');
    // English says what the engine's English reason says.
    expect(reasons.en[owner]).toMatch(/^header “Propriétaire” means Owner in French/);

    // Windows-1252 (French Excel) and a repeated header: two informational warnings.
    const codes = inspection.warnings.map((w) => w.code).sort();
    expect(codes).toEqual(['RENAMED_HEADERS', 'TRANSCODED']);
    const texts = everyLanguage(inspection.warnings.map((w) => ({ text: w, english: w.message })));
    const renamed = inspection.warnings.findIndex((w) => w.code === 'RENAMED_HEADERS');
    expect(texts.fr[renamed]).toBe('1 colonne a été renommée pour que chacune ait son propre nom : “Montant (2)”');
    expect(texts.de[renamed]).toContain('1 Spalte wurde umbenannt');
    const transcoded = inspection.warnings.findIndex((w) => w.code === 'TRANSCODED');
    expect(texts.fr[transcoded]).toMatch(/^pas de l’UTF-8 valide \(à partir de la ligne 1\) ; lu en Windows-1252/);
  });

  it('the warnings of Excel workbooks: hidden sheet, merged cells, error cells, empty sheet', async () => {
    const warnings: ImportWarning[] = [];
    const read = async (name: string, sheet: string | null) =>
      warnings.push(...(await sheetToCsv(join(SAMPLES, name), name, sheet, join(dir, `${name}-${sheet ?? ''}.csv`))).warnings);
    await read('sheet_visibility.xlsx', 'Hidden');
    await read('merge_cells.xlsx', null);
    await read('ErrorTypes.xlsx', null);
    await read('text_and_numbers.xlsx', 'Sheet2');
    expect(warnings.map((w) => w.code)).toEqual(['HIDDEN_SHEET', 'MERGED_CELLS', 'ERROR_CELLS', 'EMPTY_FILE']);
    const texts = everyLanguage(warnings.map((w) => ({ text: w, english: w.message })));
    expect(texts.fr[0]).toBe('sheet_visibility.xlsx, feuille « Hidden » : masquée dans Excel ; elle a tout de même été lue');
    expect(texts.fr[1]).toBe(
      'merge_cells.xlsx, feuille « Merge » : 5 plages fusionnées (A1:B2, C1:C2, A3:B3, D1:D2, A4:B4) ; la valeur de chaque plage a été recopiée dans toutes ses cellules',
    );
    expect(texts.de[2]).toBe(
      'ErrorTypes.xlsx, Blatt „RawErrors“: 20 Zellen mit einem Excel-Fehler (A2 #NULL!, B2 #NULL!, A3 #DIV/0!, B3 #DIV/0!, A4 #VALUE! und 15 weitere) als leer gelesen',
    );
    expect(texts.nl[3]).toBe('text_and_numbers.xlsx, werkblad ‘Sheet2’ is leeg');
    // The English of the catalog says what the engine's English says (quotes aside).
    expect(texts.en[2]).toBe(warnings[2]!.message.replace(/'RawErrors'/, '“RawErrors”'));
  });

  it('progress steps: the key of each step, dropped when a step has none', async () => {
    const ops = new Operations();
    const op = ops.start('op-1', 'Importing deals.csv', null, { key: 'progress.importing', values: { file: 'deals.csv' } });
    expect(engineTextOf(t('fr'), ops.get('op-1')!, ops.get('op-1')!.message)).toEqual({ text: 'Import de deals.csv', translated: true });
    op.report(0.6, 'Detecting column types', { key: 'progress.detectingTypes' });
    expect(engineTextOf(t('de'), ops.get('op-1')!, '').text).toBe('Spaltentypen werden erkannt');
    op.report(0.7, 'Something new');
    const p = ops.get('op-1')!;
    expect(p.messageKey).toBeUndefined();
    expect(engineTextOf(t('nl'), p, p.message)).toEqual({ text: 'Something new', translated: false });
    op.finish('Done');

    // A real import leaves its last step, translated.
    const file = join(dir, 'deals.csv');
    writeFileSync(file, DEALS);
    must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: 'deals', opId: 'import-deals' }));
    const last = must(await core.getProgress('import-deals'))!;
    expect(last.done).toBe(true);
    expect(LANGUAGES.map((l) => engineTextOf(t(l), last, last.message).text)).toEqual(['Imported', 'Importé', 'Geïmporteerd', 'Importiert']);
  });

  it('KPI errors: KPI and role names in the user’s language', async () => {
    const file = join(dir, 'activities.csv');
    writeFileSync(file, ACTIVITIES);
    must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: 'activities' }));
    const r = await runKpis(core, ['activities_per_won_deal'], { today: '2024-07-01' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.messageKey).toBe('errors.kpiMissingRolesLink');
    const fr = errorMessage(t('fr'), r.error);
    expect(fr).toMatch(/^« Activités par affaire gagnée » a besoin (du rôle|des rôles) .*Statut/);
    expect(fr).toContain('reliez les activités aux affaires');
    expect(errorMessage(t('de'), r.error)).toContain('in der Quelle „activities“ nicht zugeordnet');

    const unknown = await runKpis(core, ['conversion_rat'], { today: '2024-07-01' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(errorMessage(t('fr'), unknown.error)).toMatch(/^KPI inconnu « conversion_rat » \(vouliez-vous dire « conversion_rate » \?\)/);
  });
});

describe('figures in the workspace’s locale', () => {
  const fr = createFormats({ locale: 'fr-FR', currency: 'EUR' });
  const de = createFormats({ locale: 'de-DE', currency: 'EUR' });
  const us = createFormats({ locale: 'en-US', currency: 'USD' });

  it('data grid cells: numbers, dates and times', () => {
    expect(cellText(fr, 12500.5, 'number')).toBe('12\u202f500,5');
    expect(cellText(de, 12500.5, 'number')).toBe('12.500,5');
    expect(cellText(us, 12500.5, 'number')).toBe('12,500.5');
    expect(cellText(fr, '2026-10-25', 'date')).toBe('25 oct. 2026');
    expect(cellText(de, '2026-10-25', 'date')).toBe('25.10.2026');
    expect(cellText(us, '2026-10-25', 'date')).toBe('Oct 25, 2026');
    expect(cellText(de, '2026-10-25 14:05:00', 'timestamp')).toBe('25.10.2026, 14:05');
    expect(cellText(fr, '2026-10-25 00:00:00', 'timestamp')).toBe('25 oct. 2026');
    expect(timestampText(us, '2026-10-25 14:05:09.25')).toBe('Oct 25, 2026 14:05:09.25');
    expect(cellText(fr, 'Gagné', 'text')).toBe('Gagné');
    expect(cellText(fr, null, 'number')).toBe('');
  });

  it('the import preview and the profile', () => {
    expect(previewCellText('12500.5', 'decimal', 2, fr)).toBe('12\u202f500,50');
    expect(previewCellText('10001', 'integer', 0, de)).toBe('10.001');
    expect(previewCellText('2026-10-25', 'date', 0, fr)).toBe('25 oct. 2026');
    expect(previewCellText('10001', 'text', 0, de)).toBe('10001');
    expect(valueText(de, '1234.5', 'number')).toBe('1.234,5');
    expect(valueText(fr, '2024-01-10', 'date')).toBe('10 janv. 2024');
    expect(valueText(fr, 'not a number', 'number')).toBe('not a number');
  });
});
