// The language layer's guarantees: every language has exactly the English keys, every message is
// valid ICU with the same arguments as in English, no catalog key is left unused by the code (keys
// built from data are checked against that data), the English labels of the KPI catalog and the
// roles match their definitions, and no component renders a raw string meant for users.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createTranslator, LANGUAGES, messagesFor, pickLanguage } from '../../shared/i18n';
import { DYNAMIC_KEY_FAMILIES } from '../../shared/i18n/dynamic-keys';
import { errorLocationParts, errorMessage, kpiDefinition, kpiMeasureLabel, kpiName, roleName } from '../../shared/i18n/labels';
import en from '../../shared/i18n/messages/en/index';
import { KPIS } from '../../shared/model/kpis';
import { ROLES } from '../../shared/model/roles';
import { ambiguousDateReadings, rowCountText, warningTitle } from '../../renderer/src/features/import/import-model';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const english = messagesFor('en');
const englishKeys = Object.keys(english).sort();
const others = LANGUAGES.filter((l) => l !== 'en');

/**
 * Every argument a message uses: "name" for values (a language may need a plural where English has
 * none), "name:select(a|b)" for selects, "<b>" for tags.
 */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    switch (e.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(e.value);
        break;
      case TYPE.select:
        into.add(`${e.value}:select(${Object.keys(e.options).sort().join('|')})`);
        for (const o of Object.values(e.options)) argumentsOf(o.value, into);
        break;
      case TYPE.plural:
        into.add(e.value);
        for (const o of Object.values(e.options)) argumentsOf(o.value, into);
        break;
      case TYPE.tag:
        into.add(`<${e.value}>`);
        argumentsOf(e.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || path === join(ROOT, 'shared/i18n/messages')) continue;
      out.push(...sourceFiles(path));
    } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

describe('catalogs', () => {
  it('every language has exactly the English keys', () => {
    const problems: string[] = [];
    for (const lang of others) {
      const keys = new Set(Object.keys(messagesFor(lang)));
      for (const k of englishKeys) if (!keys.has(k)) problems.push(`${lang}: "${k}" is missing`);
      for (const k of keys) if (!(k in english)) problems.push(`${lang}: "${k}" is not an English key`);
      for (const [k, v] of Object.entries(messagesFor(lang))) if (v.trim() === '') problems.push(`${lang}: "${k}" is empty`);
    }
    expect(problems).toEqual([]);
  });

  it('every message is valid ICU and uses the same arguments as English', () => {
    const problems: string[] = [];
    const argsOf = (lang: string, key: string, message: string): Set<string> | null => {
      try {
        return argumentsOf(parse(message, { requiresOtherClause: true }));
      } catch (e) {
        problems.push(`${lang}: "${key}" is not a valid ICU message (${(e as Error).message}): ${message}`);
        return null;
      }
    };
    for (const lang of LANGUAGES) {
      for (const [key, message] of Object.entries(messagesFor(lang))) {
        const args = argsOf(lang, key, message);
        if (lang === 'en' || !args) continue;
        const reference = argsOf('en', key, english[key] ?? '');
        if (!reference) continue;
        const want = [...reference].sort().join(', ');
        const got = [...args].sort().join(', ');
        if (want !== got) problems.push(`${lang}: "${key}" uses {${got}}, English uses {${want}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('formats plurals in each language', () => {
    const rows = LANGUAGES.map((l) => [createTranslator(l).t('common.rows', { count: 1 }), createTranslator(l).t('common.rows', { count: 2 })]);
    expect(rows).toEqual([
      ['1 row', '2 rows'],
      ['1 ligne', '2 lignes'],
      ['1 rij', '2 rijen'],
      ['1 Zeile', '2 Zeilen'],
    ]);
  });

  it('no catalog key is unused, and the code asks for no key the catalogs lack', () => {
    const namespaces = Object.keys(en);
    const literal = new RegExp(`(["'\`])((?:${namespaces.join('|')})\\.[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9_])\\1`, 'g');
    const used = new Map<string, string>();
    const files = ['renderer/src', 'electron', 'shared'].flatMap((d) => sourceFiles(join(ROOT, d)));
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) {
        if (!used.has(m[2]!)) used.set(m[2]!, relative(ROOT, file));
      }
    }
    const familyOf = (key: string) => DYNAMIC_KEY_FAMILIES.find((f) => key.startsWith(f.prefix));
    const problems: string[] = [];
    for (const key of englishKeys) {
      if (!familyOf(key) && !used.has(key)) problems.push(`"${key}" is used nowhere in renderer/, electron/ or shared/`);
    }
    // A file name ("review.duckdb", "import.csv") looks like a key but is none.
    const fileName = /\.(duckdb|csv|tsv|txt|xlsx|xlsm|json|html|pdf|png|svg|ts|tsx|js|mjs|cjs|css|md|log|tmp)$/;
    for (const [key, file] of used) {
      if (!(key in english) && !familyOf(key) && !fileName.test(key)) problems.push(`${file} asks for "${key}", which no catalog has`);
    }
    for (const family of DYNAMIC_KEY_FAMILIES) {
      const keys = new Set(family.keys());
      for (const k of keys) if (!(k in english)) problems.push(`"${k}" is missing (${family.why})`);
      for (const k of englishKeys) {
        if (k.startsWith(family.prefix) && !keys.has(k)) problems.push(`"${k}" names nothing (${family.why})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the English KPI and role texts are those of their definitions', () => {
    const t = createTranslator('en').t;
    const problems: string[] = [];
    for (const k of KPIS) {
      if (kpiName(t, k.id) !== k.label) problems.push(`kpi.${k.id}.name: "${kpiName(t, k.id)}" vs "${k.label}"`);
      if (kpiDefinition(t, k.id) !== k.meaning) problems.push(`kpi.${k.id}.definition differs from the meaning in kpis.ts`);
      for (const m of k.measures) {
        if (kpiMeasureLabel(t, m.id) !== m.label) problems.push(`kpi.measure.${m.id}: "${kpiMeasureLabel(t, m.id)}" vs "${m.label}"`);
      }
    }
    for (const r of ROLES) {
      if (t(`roles.${r.id}.description` as never) !== r.description) problems.push(`roles.${r.id}.description differs from roles.ts`);
    }
    expect(problems).toEqual([]);
    // Each language names every KPI and role in its own words.
    expect(kpiName(createTranslator('fr').t, 'conversion_rate')).toBe('Taux de transformation');
    expect(roleName(createTranslator('de').t, 'owner')).toBe('Vertriebsmitarbeiter');
    expect(kpiName(t, 'no_such_kpi')).toBe('no_such_kpi');
  });

  it('errors: a located engine error reads in the user’s language, else in English', () => {
    const fr = createTranslator('fr').t;
    const located = {
      code: 'IMPORT_FAILED' as const,
      message: 'deals.csv: the file is empty',
      messageKey: 'errors.fileEmpty',
      values: { file: 'deals.csv' },
      location: { file: 'deals.csv', line: 4, column: 'Montant' },
    };
    expect(errorMessage(fr, located)).toBe('deals.csv : le fichier est vide');
    expect(errorLocationParts(fr, located.location)).toEqual(['deals.csv', 'ligne 4', 'colonne Montant']);
    expect(errorMessage(fr, { code: 'INTERNAL', message: 'boom', messageKey: 'errors.noSuchKey' })).toBe('boom');
  });
});

describe('the import dialog’s texts', () => {
  it('writes both readings of an ambiguous date in the UI language', () => {
    expect(ambiguousDateReadings('e.g. 03/04/2026', 'en')).toEqual({ example: '03/04/2026', dayFirst: '3 April 2026', monthFirst: 'March 4, 2026' });
    expect(ambiguousDateReadings('e.g. 03/04/2026', 'fr')).toMatchObject({ dayFirst: '3 avril 2026', monthFirst: '4 mars 2026' });
    expect(ambiguousDateReadings('e.g. 03/04/2026', 'de')).toMatchObject({ dayFirst: '3. April 2026', monthFirst: '4. März 2026' });
    expect(ambiguousDateReadings('13/04/2026', 'nl')).toMatchObject({ dayFirst: '13 april 2026', monthFirst: null });
  });

  it('counts rows and names warnings in each language', () => {
    const fr = createTranslator('fr').t;
    const de = createTranslator('de').t;
    expect(rowCountText(fr, { rowCount: 1, rowCountExact: true })).toBe('1 ligne');
    expect(rowCountText(fr, { rowCount: 12_345, rowCountExact: false })).toBe('environ 12\u202f000 lignes');
    expect(rowCountText(createTranslator('en').t, { rowCount: 12_345, rowCountExact: false })).toBe('about 12,000 rows');
    expect(warningTitle(de, { code: 'CONVERSION_FAILURES', column: 'Betrag', message: '' })).toBe('Werte von „Betrag“, die nicht passen');
    expect(warningTitle(fr, { code: 'HIDDEN_SHEET', message: '' })).toBe('Feuille masquée');
  });
});

describe('languages', () => {
  it('follows the system’s preferred languages, English otherwise', () => {
    expect(pickLanguage(['fr-BE', 'en-US'])).toBe('fr');
    expect(pickLanguage(['de_DE.UTF-8'])).toBe('de');
    expect(pickLanguage(['es-ES', 'nl'])).toBe('nl');
    expect(pickLanguage(['ja'])).toBe('en');
  });
});

describe('no raw string rendered', () => {
  it('i18next/no-literal-string reports nothing on renderer/**/*.tsx', async () => {
    const eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => ruleId === 'i18next/no-literal-string' });
    const results = await eslint.lintFiles(['renderer/**/*.tsx']);
    const problems = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'i18next/no-literal-string')
        .map((m) => `${relative(ROOT, r.filePath)}:${m.line}:${m.column} ${m.message}`),
    );
    expect(problems).toEqual([]);
  });
});
