/**
 * Writes Quarterdeck's demo workspace (CSV files + README) from the seeded CRM simulation.
 *
 *   npx tsx resources/generator/generate-demo.ts [--out resources/samples]
 *
 * Deterministic: the same options always give byte-identical files (the unit tests check that the
 * files shipped in resources/samples are exactly what this script produces).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ACCOUNT_COLUMNS, ACTIVITY_COLUMNS, COST_COLUMNS, DEAL_COLUMNS, REP_COLUMNS, SNAPSHOT_COLUMNS, TARGET_COLUMNS,
  generateCrm, toCsv, type CrmDataset, type GenerateCrmOptions,
} from './crm-model';

export const DEMO_OPTIONS: Readonly<GenerateCrmOptions> = Object.freeze({ seed: 20261101, deals: 5000, months: 24, endMonth: '2026-10' });

export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../samples/', import.meta.url));

export interface WrittenFile {
  /** Path relative to the output folder, with forward slashes. */
  file: string;
  bytes: number;
  /** Data rows (header excluded); null for the README. */
  rows: number | null;
}

export interface DemoSummary {
  deals: number;
  openAtEnd: number;
  closed: number;
  winRate: number;
  winRateByRep: Array<{ owner: string; won: number; closed: number; rate: number }>;
  slipShare: number;
  slippedThreeTimesOrMore: number;
  medianCycleDays: number;
  proposalCalibration: { snapshotRows: number; wonShare: number };
  firstSnapshotDate: string;
  lastSnapshotDate: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarizeDemo(ds: CrmDataset): DemoSummary {
  const closed = ds.deals.filter((d) => d.status !== 'Open');
  const won = closed.filter((d) => d.status === 'Won');
  const byRep = new Map<string, { won: number; closed: number }>();
  for (const d of closed) {
    const e = byRep.get(d.owner) ?? { won: 0, closed: 0 };
    e.closed++;
    if (d.status === 'Won') e.won++;
    byRep.set(d.owner, e);
  }
  const expectedChanges = new Map<string, number>();
  for (const h of ds.history) {
    if (h.field === 'expected_close_at') expectedChanges.set(h.deal_id, (expectedChanges.get(h.deal_id) ?? 0) + 1);
  }
  const slips = ds.deals.map((d) => Math.max(0, (expectedChanges.get(d.deal_id) ?? 1) - 1));
  const finalStatus = new Map(ds.deals.map((d) => [d.deal_id, d.status]));
  let proposalRows = 0;
  let proposalWon = 0;
  for (const s of ds.snapshots) {
    const f = finalStatus.get(s.deal_id);
    if (s.stage !== 'Proposal' || f === 'Open' || f === undefined) continue;
    proposalRows++;
    if (f === 'Won') proposalWon++;
  }
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  return {
    deals: ds.deals.length,
    openAtEnd: ds.deals.length - closed.length,
    closed: closed.length,
    winRate: closed.length > 0 ? won.length / closed.length : 0,
    winRateByRep: [...byRep]
      .map(([owner, e]) => ({ owner, ...e, rate: e.closed > 0 ? e.won / e.closed : 0 }))
      .sort((a, b) => b.rate - a.rate || (a.owner < b.owner ? -1 : 1)),
    slipShare: slips.filter((n) => n >= 1).length / Math.max(1, slips.length),
    slippedThreeTimesOrMore: slips.filter((n) => n >= 3).length,
    medianCycleDays: median(closed.map((d) => day(d.closed_at as string) - day(d.created_at))),
    proposalCalibration: { snapshotRows: proposalRows, wonShare: proposalRows > 0 ? proposalWon / proposalRows : 0 },
    firstSnapshotDate: ds.snapshotDates[0] ?? '',
    lastSnapshotDate: ds.snapshotDates[ds.snapshotDates.length - 1] ?? '',
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function readme(options: GenerateCrmOptions, files: readonly WrittenFile[], s: DemoSummary): string {
  const rowsOf = (file: string) => files.find((f) => f.file === file)?.rows ?? 0;
  const snapshotFiles = files.filter((f) => f.file.startsWith('snapshots/'));
  const snapshotRows = snapshotFiles.reduce((a, f) => a + (f.rows ?? 0), 0);
  const best = s.winRateByRep[0];
  const worst = s.winRateByRep[s.winRateByRep.length - 1];
  const cols = (c: readonly string[]) => c.map((x) => `\`${x}\``).join(', ');
  return `# Quarterdeck demo workspace

Invented CRM exports of a fictitious European B2B software vendor (fleet, route and warehouse software,
sold by 20 reps in four teams). Everything here is produced by our own seeded simulation
(\`resources/generator/\`); no external or real data is used. The company started using its CRM on
the first day of the window, so the first months hold only the deals created since then.

- Seed \`${options.seed}\`, ${options.deals} deals created over ${options.months} months ending ${options.endMonth}
  (the export is taken on ${s.lastSnapshotDate}).
- Regenerate (byte-identical output): \`npx tsx resources/generator/generate-demo.ts [--out resources/samples]\`
  (or \`npm run demo:generate\`). Do not edit these files by hand: \`test/unit/generator.test.ts\` checks that
  they match the generator exactly.

CSV format for every file: UTF-8 (no BOM), comma delimiter, LF line ends, one header row, RFC 4180 quoting
(only when a value contains a comma, a double quote or a line break), dates \`YYYY-MM-DD\`, timestamps
\`YYYY-MM-DD HH:MM:SS\`, amounts in euros with a dot decimal and at most 2 decimals, empty field = no value.

## Files

| file | rows | what it is |
|---|---:|---|
| \`deals.csv\` | ${rowsOf('deals.csv')} | the opportunities export as of ${s.lastSnapshotDate} (one row per deal) |
| \`accounts.csv\` | ${rowsOf('accounts.csv')} | the companies the deals belong to |
| \`reps.csv\` | ${rowsOf('reps.csv')} | the sales reps (deal owners) |
| \`activities.csv\` | ${rowsOf('activities.csv')} | calls, e-mails, meetings, demos and visits logged on deals |
| \`costs.csv\` | ${rowsOf('costs.csv')} | monthly spend per acquisition channel, plus the cost of the reps' time |
| \`targets.csv\` | ${rowsOf('targets.csv')} | monthly revenue targets per rep |
| \`snapshots/deals-YYYY-MM-01.csv\` | ${snapshotRows} in ${snapshotFiles.length} files | the open pipeline as exported on the first day of each month, ${s.firstSnapshotDate} to ${s.lastSnapshotDate} |

### deals.csv

${cols(DEAL_COLUMNS)}

- \`deal_id\` \`D-000001\`... in creation order; \`account\` is an \`account_name\` of accounts.csv; \`owner\` an \`owner\` of reps.csv; \`team\` the owner's team.
- \`pipeline\`: New business, Renewal, Upsell (renewals and upsells only on accounts that are already customers or partners).
- \`stage\`: Prospecting, Qualification, Needs analysis, Proposal, Negotiation (open deals), Closed Won, Closed Lost.
- \`status\`: Open, Won, Lost. \`probability\`: integer 0-100 as entered by the rep (stage defaults 10, 20, 40, 60, 80, then 100 / 0, but reps override them).
- \`created_at\`, \`expected_close_at\`, \`closed_at\` (empty while open); \`amount\` is the latest amount (won: the signed amount).
- \`lead_source\`: Website, Trade show, Referral, Outbound call, Partner, Webinar, LinkedIn ads.
- \`loss_reason\` (lost deals only): Price, Competitor, No budget, No decision, Timing. \`product\`: what the deal sells.

### accounts.csv

${cols(ACCOUNT_COLUMNS)}

\`segment\` Gold (~15%, big baskets, long cycles, effort-hungry) / Silver (~35%) / Bronze (~50%);
\`account_type\` Customer / Prospect / Partner / Reseller as at the export date (prospects that bought are customers);
\`region\` France, Benelux, DACH, UK, Nordics and the matching \`country\`; \`employees\` head count.

### reps.csv

${cols(REP_COLUMNS)}

Teams Enterprise, Mid-market, SMB, Inside sales, each with a \`manager\` (managers own no deals). Two reps were hired during the window.

### activities.csv

${cols(ACTIVITY_COLUMNS)}

\`activity_type\` Call, E-mail, Meeting, Demo, Visit; \`outcome\` Reached, No answer, Voicemail, Wrong number (calls),
Completed (e-mails and held meetings), Rescheduled, No show; \`duration_minutes\` 0 for meetings that did not happen.
Every activity is dated between its deal's creation and its close (or the export date).

### costs.csv

${cols(COST_COLUMNS)}

\`month\` \`YYYY-MM\`; \`channel\` is one of the lead sources, or \`Sales time\` (loaded cost of the reps employed that month).

### targets.csv

${cols(TARGET_COLUMNS)}

One row per rep and month from the rep's hire month (pro rata in that month, ramped up over the first months).

### snapshots/deals-YYYY-MM-01.csv

${cols(SNAPSHOT_COLUMNS)}

The deals that were open at the start of \`snapshot_date\`, with the stage, amount, probability and expected close date
they had then. They are read from each deal's simulated history (stage steps, stage regressions, close dates pushed out,
amount revisions), and \`deals.csv\` is that same history's final state: the open deals of the last snapshot equal the open
rows of deals.csv. Comparing two snapshots shows new, won, lost, slipped and re-valued deals.

## What the data is built to show

- ${s.deals} deals, ${s.openAtEnd} still open at the export; win rate among closed deals ${pct(s.winRate)} (${s.closed} closed);
  median sales cycle ${s.medianCycleDays} days, longer for Gold and for big amounts.
- Reps differ: best win rate ${best ? `${best.owner} ${pct(best.rate)} (${best.won}/${best.closed})` : '-'}, lowest
  ${worst ? `${worst.owner} ${pct(worst.rate)} (${worst.won}/${worst.closed})` : '-'} (a recent hire).
- Nicolas Bernard over-forecasts (high probabilities, optimistic close dates that keep slipping, low win rate);
  Chloé Petit sandbags (low probabilities, late close dates, deals that close early).
- ${pct(s.slipShare)} of deals had their expected close date pushed out at least once, ${s.slippedThreeTimesOrMore} of them three times or more.
- Probabilities are miscalibrated at Proposal: of the ${s.proposalCalibration.snapshotRows} snapshot rows at Proposal (60%) whose deal has
  since closed, only ${pct(s.proposalCalibration.wonShare)} were won.
- Markus Schneider needs far more meetings per won deal than his Enterprise peers; Gold accounts eat effort.
- LinkedIn ads cost a lot and bring few, small wins; Referral is cheap and converts best.
- Seasonality: fewer deals and activities in August, signing peaks at the end of June and December, mild growth over the period.
`;
}

async function writeText(outDir: string, file: string, text: string, rows: number | null, written: WrittenFile[]): Promise<void> {
  const path = join(outDir, file);
  await mkdir(dirname(path), { recursive: true });
  const bytes = Buffer.from(text, 'utf8');
  await writeFile(path, bytes);
  written.push({ file, bytes: bytes.length, rows });
}

/** Generates the dataset and writes every demo file (and the README) into outDir. */
export async function writeDemoWorkspace(
  outDir: string = DEFAULT_OUT_DIR,
  options: GenerateCrmOptions = DEMO_OPTIONS,
): Promise<{ files: WrittenFile[]; summary: DemoSummary; dataset: CrmDataset }> {
  const ds = generateCrm(options);
  await mkdir(join(outDir, 'snapshots'), { recursive: true });
  // Remove snapshot files a previous run (other options) may have left behind.
  for (const name of await readdir(join(outDir, 'snapshots'))) {
    if (/^deals-\d{4}-\d{2}-\d{2}\.csv$/.test(name)) await rm(join(outDir, 'snapshots', name));
  }
  const files: WrittenFile[] = [];
  await writeText(outDir, 'deals.csv', toCsv(ds.deals, DEAL_COLUMNS), ds.deals.length, files);
  await writeText(outDir, 'accounts.csv', toCsv(ds.accounts, ACCOUNT_COLUMNS), ds.accounts.length, files);
  await writeText(outDir, 'reps.csv', toCsv(ds.reps, REP_COLUMNS), ds.reps.length, files);
  await writeText(outDir, 'activities.csv', toCsv(ds.activities, ACTIVITY_COLUMNS), ds.activities.length, files);
  await writeText(outDir, 'costs.csv', toCsv(ds.costs, COST_COLUMNS), ds.costs.length, files);
  await writeText(outDir, 'targets.csv', toCsv(ds.targets, TARGET_COLUMNS), ds.targets.length, files);
  for (const date of ds.snapshotDates) {
    const rows = ds.snapshots.filter((r) => r.snapshot_date === date);
    await writeText(outDir, `snapshots/deals-${date}.csv`, toCsv(rows, SNAPSHOT_COLUMNS), rows.length, files);
  }
  const summary = summarizeDemo(ds);
  await writeText(outDir, 'README.md', readme(options, files, summary), null, files);
  return { files, summary, dataset: ds };
}

function parseArgs(argv: readonly string[]): { out: string } {
  let out = DEFAULT_OUT_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new Error('--out needs a folder');
      out = resolve(value);
    } else if (arg.startsWith('--out=')) {
      out = resolve(arg.slice('--out='.length));
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: npx tsx resources/generator/generate-demo.ts [--out resources/samples]');
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${arg}`);
    }
  }
  return { out };
}

async function main(): Promise<void> {
  const { out } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const { files, summary } = await writeDemoWorkspace(out);
  const total = files.reduce((a, f) => a + f.bytes, 0);
  const shown = files.filter((f) => !f.file.startsWith('snapshots/'));
  const snaps = files.filter((f) => f.file.startsWith('snapshots/'));
  for (const f of shown) console.log(`${f.file.padEnd(16)} ${String(f.rows ?? '').padStart(6)} rows ${(f.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  console.log(`snapshots/ ×${snaps.length} ${String(snaps.reduce((a, f) => a + (f.rows ?? 0), 0)).padStart(6)} rows ${(snaps.reduce((a, f) => a + f.bytes, 0) / 1024).toFixed(0).padStart(6)} KiB`);
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB in ${relative(process.cwd(), out) || '.'} (${Date.now() - started} ms)`);
  console.log(`win rate ${pct(summary.winRate)}, open at end ${summary.openAtEnd}, slipped ${pct(summary.slipShare)}`);
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
