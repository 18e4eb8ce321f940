// The monthly loop on the demo workspace, through the core as every host calls it: the demo without
// its last pipeline export; the "Monthly business-model review" run for September 2026, a note and
// an action written, the review frozen; next month's pipeline export imported (the real import
// path); the review run again for October: every figure beside September's frozen value, the open
// action carried over, the pipeline read from the new export. Exported as HTML and PDF, and
// anonymised. Figures are checked against DuckDB on the same tables.
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api';
import { ensureDemo } from '../../electron/core/demo';
import { findChromium } from '../../electron/core/review/pdf';
import type { Result } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import type { Review, ReviewAction } from '../../shared/review/types';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLES = join(ROOT, 'resources/samples');
const LAST = 'deals-2026-11-01.csv';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}${r.error.detail ? `\n${r.error.detail}` : ''}`);
  return r.value;
}

let dir: string;
let core: CoreApi;

/** The demo's samples without the last monthly pipeline export. */
function samplesWithoutLast(into: string): string {
  const samples = join(into, 'samples');
  mkdirSync(join(samples, 'snapshots'), { recursive: true });
  for (const f of readdirSync(SAMPLES)) if (f.endsWith('.csv')) copyFileSync(join(SAMPLES, f), join(samples, f));
  cpSync(join(SAMPLES, 'snapshots'), join(samples, 'snapshots'), { recursive: true, filter: (src) => !src.endsWith(LAST) });
  return samples;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-review-flow-'));
  core = await CoreApi.open(join(dir, 'ws.duckdb'));
  must(await ensureDemo(core, samplesWithoutLast(dir)));
});

afterAll(async () => {
  core?.close();
  await rm(dir, { recursive: true, force: true });
});

async function scalar(sql: string): Promise<number> {
  const conn = await core.workspace.connect();
  try {
    return Number(Object.values((await conn.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {})[0]);
  } finally {
    conn.closeSync();
  }
}

async function dealsTable(): Promise<string> {
  return `"${(await core.workspace.findSource('deals'))!.table}"`;
}

const widget = (review: Review, id: string) => review.widgets.find((w) => w.widgetId === id)!;

let september: Review;
let october: Review;

describe('the monthly review loop', () => {
  it('runs the template for September 2026 and freezes every figure with its snapshots', async () => {
    const pipeline = (await core.workspace.findSource('pipeline'))!;
    expect(pipeline.snapshots.at(-1)!.date).toBe('2026-10-01');
    const { review, previous } = must(await core.createReview({ templateId: 'monthly-business-review', period: { period: 'custom', customPeriod: { from: '2026-09-01', to: '2026-10-01' } } }));
    september = review;
    expect(previous).toBeNull();
    expect(review.period).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(review.referenceDay).toBe('2026-11-01');
    expect(review.today).toBe('2026-10-01');
    expect(review.widgets.filter((w) => w.error)).toEqual([]);
    expect(review.widgets).toHaveLength(13);
    // Revenue won in September, against August, as DuckDB sums it.
    const t = await dealsTable();
    const sep = await scalar(`SELECT sum(amount) FROM ${t} WHERE status = 'Won' AND closed_at >= DATE '2026-09-01' AND closed_at < DATE '2026-10-01'`);
    const aug = await scalar(`SELECT sum(amount) FROM ${t} WHERE status = 'Won' AND closed_at >= DATE '2026-08-01' AND closed_at < DATE '2026-09-01'`);
    const tile = widget(review, 'flash-revenue');
    expect(tile.kpi!.figures.value).toBeCloseTo(sep, 2);
    expect(tile.kpi!.figures.previous).toBeCloseTo(aug, 2);
    // Conversion by rep: won / (won + lost) among deals closed in September, per rep.
    const reps = readArrow(widget(review, 'rep-conversion').results[0]!.ipc).rows();
    const lea = reps.find((r) => r.d0 === 'Léa Dubois')!;
    const won = await scalar(`SELECT count(*) FROM ${t} WHERE owner = 'Léa Dubois' AND status = 'Won' AND closed_at >= DATE '2026-09-01' AND closed_at < DATE '2026-10-01'`);
    const lost = await scalar(`SELECT count(*) FROM ${t} WHERE owner = 'Léa Dubois' AND status = 'Lost' AND closed_at >= DATE '2026-09-01' AND closed_at < DATE '2026-10-01'`);
    expect(lea.conversion_rate_won).toBe(won);
    expect(lea.conversion_rate_lost).toBe(lost);
    // The history widget read every pipeline export there was: 23 of them, the last of 2026-10-01.
    const history = widget(review, 'pipeline-history');
    expect(history.snapshots[0]!.dates).toHaveLength(23);
    expect(history.snapshots[0]!.dates.at(-1)).toBe('2026-10-01');
    // The frozen figures name where they came from.
    expect(widget(review, 'segment-revenue').snapshots.map((s) => `${s.source}@${s.dates.join()}`)).toContain('deals@2026-11-01');
  });

  it('keeps the manager\'s note and action, then freezes for good', async () => {
    const action: ReviewAction = { id: 'a-coach', widgetId: 'rep-conversion', text: 'Coach Léa Dubois on qualification', owner: 'Catherine Vasseur', due: '2026-10-31', status: 'open', createdAt: '2026-10-02T09:00:00.000Z' };
    const done: ReviewAction = { id: 'a-done', widgetId: null, text: 'Send the pack to the board', owner: 'Catherine Vasseur', due: null, status: 'done', createdAt: '2026-10-02T09:00:00.000Z' };
    const updated = must(await core.updateReview({ id: september.id, notes: { 'segment-revenue': 'Gold pays: keep the Enterprise team on it.' }, summary: 'September closed below August.', actions: [action, done] }));
    expect(updated.notes).toEqual({ 'segment-revenue': 'Gold pays: keep the Enterprise team on it.' });
    const frozen = must(await core.updateReview({ id: september.id, freeze: true }));
    expect(frozen.status).toBe('frozen');
    expect(frozen.frozenAt).not.toBeNull();
    const refused = await core.updateReview({ id: september.id, summary: 'changed my mind' });
    expect(refused.ok || refused.error.message).toContain('frozen');
    // A note on a widget the review does not have is refused.
    const list = must(await core.listReviews());
    expect(list.map((r) => [r.id, r.status, r.openActions])).toEqual([[september.id, 'frozen', 1]]);
  });

  it('next month: the new pipeline export imported, the review compares with September and carries the open action', async () => {
    const report = must(await core.importFile({ file: { kind: 'path', path: join(SAMPLES, 'snapshots', LAST) } }));
    expect(report).toMatchObject({ source: 'pipeline', snapshotDate: '2026-11-01', addedSnapshot: true });
    const { review, previous } = must(await core.createReview({ templateId: 'monthly-business-review' }));
    october = review;
    expect(review.period).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(previous?.id).toBe(september.id);
    expect(review.previousId).toBe(september.id);
    expect(review.actions).toEqual([
      expect.objectContaining({ text: 'Coach Léa Dubois on qualification', status: 'open', widgetId: 'rep-conversion', carriedFrom: { reviewId: september.id, actionId: 'a-coach', period: september.period } }),
    ]);
    // The October tile's previous period is September: the value September's review froze.
    expect(widget(review, 'flash-revenue').kpi!.figures.previous).toBeCloseTo(widget(september, 'flash-revenue').kpi!.figures.value!, 2);
    // The pipeline history now ends with the new export.
    const history = widget(review, 'pipeline-history');
    expect(history.snapshots[0]!.dates).toHaveLength(24);
    const rows = readArrow(history.results[0]!.ipc).rows();
    const open = await scalar(`SELECT sum(amount) FROM "${(await core.workspace.findSource('pipeline'))!.snapshotTables.at(-1)!.table}"`);
    expect(Number(rows.at(-1)!.open_pipeline)).toBeCloseTo(open, 2);
    const got = must(await core.getReview(review.id));
    expect(got.previous?.id).toBe(september.id);
  });

  it('exports one self-contained HTML file with the comparison, the notes and the actions', async () => {
    const file = must(await core.exportReview({ id: october.id, format: 'html', language: 'en' }));
    expect(file.fileName).toBe('monthly-business-model-review-2026-10.html');
    const html = new TextDecoder().decode(file.bytes);
    expect(html).toContain('Compared with the review of September 2026');
    expect(html).toContain('Coach Léa Dubois on qualification');
    expect(html).toContain('Carried over from the review of September 2026');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect(html).not.toMatch(/<(script|link|img)\b/);
    const fr = new TextDecoder().decode(must(await core.exportReview({ id: october.id, format: 'html', language: 'fr' })).bytes);
    expect(fr).toContain('Comparée à la revue de septembre 2026');
    expect(fr).toContain('Chiffre d’affaires gagné');
  });

  it('anonymises reps, accounts and deals with aliases stable from one review to the next', async () => {
    const a = new TextDecoder().decode(must(await core.exportReview({ id: october.id, format: 'html', anonymise: true })).bytes);
    const b = new TextDecoder().decode(must(await core.exportReview({ id: september.id, format: 'html', anonymise: true })).bytes);
    const reps = (await core.workspace.findSource('reps'))!;
    const conn = await core.workspace.connect();
    const names = (await conn.runAndReadAll(`SELECT owner FROM "${reps.table}"`)).getRowObjectsJS().map((r) => String(r.owner));
    conn.closeSync();
    for (const n of names) {
      expect(a).not.toContain(n);
      expect(b).not.toContain(n);
    }
    const aliases = (text: string) => new Set(text.match(/Rep [A-Z]{3}/g));
    const shared = [...aliases(a)].filter((x) => aliases(b).has(x));
    expect(shared.length).toBeGreaterThanOrEqual(15);
  });

  it.skipIf(!findChromium())('prints the same pack to PDF', async () => {
    const file = must(await core.exportReview({ id: october.id, format: 'pdf', language: 'en' }));
    expect(file.mimeType).toBe('application/pdf');
    const text = new TextDecoder('latin1').decode(file.bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(4);
  });
});
