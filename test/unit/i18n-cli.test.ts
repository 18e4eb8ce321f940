// The command line speaks the user's language: `--lang` on every command, else QUARTERDECK_LANG /
// LC_ALL / LANG; JSON output is the same in every language. Runs the real CLI entry through tsx
// on a real file and a real workspace.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageFromEnv } from '../../electron/cli/lang';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A small French export: `;`, decimal comma, dd/mm/yyyy dates, French headers. */
const AFFAIRES = [
  'Référence;Affaire;Commercial;Étape;Montant;Date de clôture',
  'A-1;Refonte du site;Claire Martin;Gagné;12 500,50;15/01/2026',
  'A-2;Licences 2026;Hugo Bernard;Perdu;3 200,00;28/02/2026',
  'A-3;Audit sécurité;Claire Martin;Proposition;8 750,00;31/03/2026',
].join('\r\n');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'electron/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', QUARTERDECK_LANG: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('quarterdeck --lang', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quarterdeck-i18n-cli-'));
    file = join(dir, 'affaires.csv');
    await writeFile(file, AFFAIRES, 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports an import in French with --lang fr, and in German from LANG', async () => {
    const fr = await cli(['import', file, '--workspace', join(dir, 'fr.duckdb'), '--snapshot', '2026-04-01', '--lang', 'fr']);
    expect(fr.code, fr.stderr).toBe(0);
    expect(fr.stdout).toContain(`${file} importé : source « affaires » créée (instantané du 2026-04-01), 3 lignes, 6 colonnes`);
    expect(fr.stdout).toContain('décimale ",", dates jour d’abord');
    expect(fr.stdout).toMatch(/ {2}Montant: décimal\b/);
    // No English sentence left in the human output.
    expect(fr.stdout).not.toMatch(/\b(Imported|created source|rows|columns|decimal|dates day first)\b/);

    const de = await cli(['import', file, '--workspace', join(dir, 'de.duckdb'), '--snapshot', '2026-04-01'], { LANG: 'de_DE.UTF-8' });
    expect(de.code, de.stderr).toBe(0);
    expect(de.stdout).toContain('importiert: Quelle „affaires“ angelegt (Snapshot vom 2026-04-01), 3 Zeilen, 6 Spalten');

    // The same file into the same workspace again: a clash, said in Dutch (QUARTERDECK_LANG wins over LANG).
    const nl = await cli(['import', file, '--workspace', join(dir, 'de.duckdb'), '--snapshot', '2026-04-01'], {
      LANG: 'de_DE.UTF-8',
      QUARTERDECK_LANG: 'nl',
    });
    expect(nl.code).toBe(1);
    expect(nl.stderr).toContain('fout (IMPORT_FAILED): ‘affaires’ heeft al een momentopname van 2026-04-01');
  });

  it('keeps JSON output language-neutral', async () => {
    const runs = await Promise.all(
      (['en', 'fr'] as const).map((lang) =>
        cli(['import', file, '--workspace', join(dir, `json-${lang}.duckdb`), '--snapshot', '2026-04-01', '--json', '--lang', lang]),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const [en, fr] = runs.map((r) => JSON.parse(r.stdout) as Record<string, unknown>);
    expect(fr).toEqual(en);
    expect(en).toMatchObject({ source: 'affaires', rowCount: 3, delimiter: ';', decimalSeparator: ',', dateOrder: 'DMY' });
  });

  it('lists the KPI catalog with names in the chosen language, and refuses an unknown language', async () => {
    const de = await cli(['kpi', '--list', '--lang', 'de']);
    expect(de.code, de.stderr).toBe(0);
    expect(de.stdout).toContain('conversion_rate\tAbschlussquote\t');
    expect(de.stdout).toContain('Rollen: status, closed_at');
    const bad = await cli(['sources', '--lang', 'xx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang is one of en, fr, nl, de');
    const usage = await cli(['help', '--lang=nl']);
    expect(usage.stdout).toMatch(/^Gebruik:/);
  });

  it('reads the language from the environment as POSIX orders it', () => {
    expect(languageFromEnv({ LANG: 'fr_BE.UTF-8' })).toBe('fr');
    expect(languageFromEnv({ LANG: 'fr_FR.UTF-8', LC_ALL: 'nl_NL.UTF-8' })).toBe('nl');
    expect(languageFromEnv({ LC_ALL: 'de_DE', QUARTERDECK_LANG: 'en' })).toBe('en');
    expect(languageFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LANG: 'es_ES.UTF-8' })).toBe('en');
    expect(languageFromEnv({})).toBe('en');
  });
});
