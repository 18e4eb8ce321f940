// `quarterdeck review`: a template (a file or a built-in's name) on an export or a workspace, for a
// period, written as one HTML file or a PDF. A template that cannot run on the data exits non-zero,
// says why and how to fix it, and writes nothing; with the fixes given as options, it runs. On a
// workspace kept between runs, next month's run compares with this one.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewCommand, type ReviewArgs } from '../../electron/cli/review-command';
import { CoreApi } from '../../electron/core/api';
import { findChromium } from '../../electron/core/review/pdf';
import { createTranslator } from '../../shared/i18n';

const ROOT = resolve(import.meta.dirname, '../..');
const ZOHO = '/work/shared/data/zoho-crm-sample-export/Potentials.csv';
const FRENCH = join(ROOT, 'test/fixtures/e2e/affaires-fr.csv');
const SAMPLES = join(ROOT, 'resources/samples');
const en = createTranslator('en').t;
const fr = createTranslator('fr').t;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-review-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const args = (over: Partial<ReviewArgs>): ReviewArgs => ({ data: [], roles: [], anonymise: false, skipUnmapped: false, json: false, language: 'en', ...over });

describe('quarterdeck review', () => {
  it('says why a template cannot run on an export, and writes nothing', async () => {
    const out = join(dir, 'zoho.html');
    const r = await reviewCommand(en, args({ template: 'monthly-business-review', data: [ZOHO], out }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('“Monthly business-model review” cannot run on this data: 2 problems to fix first.');
    expect(r.stderr).toContain('maps no column to the role closed_at: add --role closed_at=COLUMN (columns that could: Created Time, Closing Date)');
    expect(r.stderr).toContain('Nothing was written.');
    expect(existsSync(out)).toBe(false);
  });

  it('names the empty period and the month that has data, then runs with the fixes as options', async () => {
    const out = join(dir, 'zoho.html');
    const blocked = await reviewCommand(en, args({ template: 'Monthly business-model review', data: [ZOHO], out, roles: ['closed_at=Closing Date', 'segment=Amount Tier'] }));
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/“Potentials” has no rows in October 2026 \(its latest data: 2021-05-20\): try --period 2021-05/);
    expect(existsSync(out)).toBe(false);
    const done = await reviewCommand(en, args({ template: 'Monthly business-model review', data: [ZOHO], out, period: '2021-05', roles: ['closed_at=Closing Date', 'segment=Amount Tier'] }));
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Wrote ${out}: Monthly business-model review, May 2021 (10 figures)`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('May 2021');
    expect(html).toContain('Potentials (export of');
  });

  it('speaks French with --lang fr, on a French export, leaving out what nothing can feed', async () => {
    const out = join(dir, 'affaires.html');
    const r = await reviewCommand(fr, args({ template: 'monthly-business-review', data: [FRENCH], out, period: '2026-09', roles: ['closed_at=Date de clôture prévue'], skipUnmapped: true, language: 'fr' }));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('écrit : Revue mensuelle du modèle commercial, septembre 2026');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Chiffre d’affaires gagné');
    // Segment and lead source: no column in this export, their widgets left out.
    expect(html).not.toContain('Chiffre d’affaires gagné par segment');
  });

  it('refuses a corrupted template file, saying where', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "format": "quarterdeck-template", "version": 3, ');
    const r = await reviewCommand(en, args({ template: file, data: [ZOHO], out: join(dir, 'x.html') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON \(line 1, column \d+\)/);
    const unknown = await reviewCommand(en, args({ template: 'no-such-template', data: [ZOHO], out: join(dir, 'x.html') }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no template file and no built-in template named “no-such-template”');
    const badPeriod = await reviewCommand(en, args({ template: 'monthly-business-review', data: [ZOHO], out: join(dir, 'x.html'), period: 'last-week' }));
    expect(badPeriod.code).toBe(2);
  });

  it('on a workspace, month after month: the second run compares with the first (the real bin)', async () => {
    const ws = join(dir, 'demo.duckdb');
    const core = await CoreApi.open(ws);
    for (const f of ['deals', 'accounts']) {
      const r = await core.importFile({ file: { kind: 'path', path: join(SAMPLES, `${f}.csv`) }, sourceName: f, snapshotDate: '2026-11-01' });
      expect(r.ok).toBe(true);
    }
    const links = await core.proposeRelationships();
    if (links.ok) for (const p of links.value) if (p.coverage > 0.99) await core.setRelationship({ from: p.from, to: p.to }, true);
    core.close();
    const template = join(dir, 'monthly.qdt.json');
    // A template file exported from the library: the file is what a scheduled run is given.
    const lib = await CoreApi.open(join(dir, 'lib.duckdb'));
    const exported = await lib.exportTemplate('rep-performance-review');
    lib.close();
    writeFileSync(template, exported.ok ? exported.value.text.replace('"id": "rep-performance-review"', '"id": "my-rep-review"').replace('"origin": "builtin"', '"origin": "personal"') : '');
    const run = promisify(execFile);
    const first = await run(process.execPath, [join(ROOT, 'bin/quarterdeck.mjs'), 'review', '--template', template, '--data', ws, '--period', '2026-09', '--out', join(dir, 'sep.html')], { cwd: ROOT });
    expect(first.stdout).toContain('Rep performance review, September 2026');
    const second = await run(process.execPath, [join(ROOT, 'bin/quarterdeck.mjs'), 'review', '--template', template, '--data', ws, '--period', 'last-month', '--out', join(dir, 'oct.html'), '--json'], { cwd: ROOT });
    const summary = JSON.parse(second.stdout) as { period: { from: string }; previous: string | null; template: string };
    expect(summary.period.from).toBe('2026-10-01');
    expect(summary.template).toBe('my-rep-review');
    expect(summary.previous).not.toBeNull();
    expect(readFileSync(join(dir, 'oct.html'), 'utf8')).toContain('Compared with the review of September 2026');
  }, 120_000);

  it.skipIf(!findChromium())('writes a PDF', async () => {
    const out = join(dir, 'zoho.pdf');
    const blocked = await reviewCommand(en, args({ template: 'pipeline-forecast', data: [ZOHO], out, period: '2021-03', skipUnmapped: true }));
    expect(blocked.stderr).toContain('add --stage “Proposal=Proposal/Price Quote”');
    const r = await reviewCommand(en, args({ template: 'pipeline-forecast', data: [ZOHO], out, period: '2021-03', skipUnmapped: true, stages: ['Proposal=Proposal/Price Quote', 'Negotiation=Negotiation/Review'] }));
    expect(r.stderr).toBe('');
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
