import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPEN_STAGES, csvField, encodeCp1252, generateCrm, writeDealsCsv, writeDealsCsvEuropean,
  type CrmDataset, type DealRow,
} from '../../resources/generator/crm-model';
import { DEMO_OPTIONS, summarizeDemo, writeDemoWorkspace } from '../../resources/generator/generate-demo';
import { Rng, mulberry32 } from '../../resources/generator/random';

const SAMPLES_DIR = fileURLToPath(new URL('../../resources/samples/', import.meta.url));
const END_DAY = '2026-10-31';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  }
  await walk(dir);
  return out.sort();
}

let tmp: string;
let demo: CrmDataset;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'quarterdeck-generator-'));
  demo = generateCrm(DEMO_OPTIONS);
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('random', () => {
  it('is deterministic per seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(sa);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws within bounds', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 9);
      expect(n >= 3 && n <= 9 && Number.isInteger(n)).toBe(true);
      expect(rng.lognormal(60, 0.5)).toBeGreaterThan(0);
      expect(['a', 'b']).toContain(rng.weighted(['a', 'b'], [1, 0.0001]));
    }
    expect(Rng.derive(1, 'x', 2).next()).toBe(Rng.derive(1, 'x', 2).next());
    expect(Rng.derive(1, 'x', 2).next()).not.toBe(Rng.derive(1, 'x', 3).next());
  });
});

describe('generateCrm determinism', () => {
  const small = { seed: 99, deals: 400, months: 6, endMonth: '2026-10' };

  it('gives the same data for the same seed', () => {
    expect(generateCrm(small)).toEqual(generateCrm(small));
  });

  it('gives different data for a different seed', () => {
    const a = generateCrm(small);
    const b = generateCrm({ ...small, seed: 100 });
    expect(b.deals).not.toEqual(a.deals);
    expect(b.accounts.map((x) => x.account_name)).not.toEqual(a.accounts.map((x) => x.account_name));
  });

  it('honours the requested size and window', () => {
    const ds = generateCrm(small);
    expect(ds.deals).toHaveLength(400);
    expect(ds.snapshotDates).toEqual(['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);
    for (const d of ds.deals) expect(d.created_at >= '2026-05-01' && d.created_at <= END_DAY).toBe(true);
  });
});

describe('demo dataset invariants', () => {
  it('has the expected shape', () => {
    expect(demo.deals).toHaveLength(5000);
    expect(demo.accounts).toHaveLength(200);
    expect(demo.reps).toHaveLength(20);
    expect(new Set(demo.reps.map((r) => r.team)).size).toBeGreaterThanOrEqual(3);
    expect(demo.activities.length).toBeGreaterThanOrEqual(30000);
    expect(demo.activities.length).toBeLessThanOrEqual(40000);
    expect(demo.costs).toHaveLength(24 * 8);
    expect(demo.snapshotDates).toHaveLength(24);
    expect(demo.snapshotDates[0]).toBe('2024-12-01');
    expect(demo.snapshotDates[23]).toBe('2026-11-01');
    const seg = (s: string) => demo.accounts.filter((a) => a.segment === s).length / demo.accounts.length;
    expect(seg('Gold')).toBeCloseTo(0.15, 2);
    expect(seg('Silver')).toBeCloseTo(0.35, 2);
    expect(seg('Bronze')).toBeCloseTo(0.5, 2);
    expect(demo.accounts.some((a) => /[éèüöø]/.test(a.account_name))).toBe(true);
  });

  it('keeps deals internally consistent', () => {
    const ids = new Set<string>();
    for (const d of demo.deals) {
      expect(ids.has(d.deal_id)).toBe(false);
      ids.add(d.deal_id);
      expect(d.deal_id).toMatch(/^D-\d{6}$/);
      expect(d.created_at >= '2024-11-01' && d.created_at <= END_DAY).toBe(true);
      expect(d.expected_close_at >= d.created_at).toBe(true);
      expect(Number.isInteger(d.probability) && d.probability >= 0 && d.probability <= 100).toBe(true);
      expect(d.amount).toBeGreaterThan(0);
      expect(Math.round(d.amount * 100) / 100).toBe(d.amount);
      if (d.status === 'Open') {
        expect(d.closed_at).toBeNull();
        expect(d.loss_reason).toBeNull();
        expect(OPEN_STAGES as readonly string[]).toContain(d.stage);
      } else {
        expect(d.closed_at).not.toBeNull();
        const closed = d.closed_at as string;
        expect(closed >= d.created_at && closed <= END_DAY).toBe(true);
        if (d.status === 'Won') {
          expect(d.stage).toBe('Closed Won');
          expect(d.probability).toBe(100);
          expect(d.loss_reason).toBeNull();
        } else {
          expect(d.stage).toBe('Closed Lost');
          expect(d.probability).toBe(0);
          expect(['Price', 'Competitor', 'No budget', 'No decision', 'Timing']).toContain(d.loss_reason);
        }
      }
    }
  });

  it('links deals to existing accounts and reps', () => {
    const accounts = new Set(demo.accounts.map((a) => a.account_name));
    const teams = new Map(demo.reps.map((r) => [r.owner, r.team]));
    const hired = new Map(demo.reps.map((r) => [r.owner, r.hire_date]));
    expect(accounts.size).toBe(demo.accounts.length);
    for (const d of demo.deals) {
      expect(accounts.has(d.account)).toBe(true);
      expect(teams.get(d.owner)).toBe(d.team);
      expect((hired.get(d.owner) as string) <= d.created_at).toBe(true);
    }
  });

  it('builds snapshots from the history', () => {
    const byId = new Map(demo.deals.map((d) => [d.deal_id, d]));
    const snapshotKeys = new Set<string>();
    for (const s of demo.snapshots) {
      const deal = byId.get(s.deal_id) as DealRow;
      expect(deal).toBeDefined();
      expect(s.created_at < s.snapshot_date).toBe(true);
      expect(s.status).toBe('Open');
      expect(s.closed_at).toBeNull();
      expect(OPEN_STAGES as readonly string[]).toContain(s.stage);
      expect(s.probability >= 0 && s.probability <= 100).toBe(true);
      expect(deal.closed_at === null || deal.closed_at >= s.snapshot_date).toBe(true);
      expect(s.created_at).toBe(deal.created_at);
      expect(s.owner).toBe(deal.owner);
      snapshotKeys.add(`${s.snapshot_date}|${s.deal_id}`);
    }
    // Complete: every deal open on a snapshot date is in that snapshot.
    for (const date of demo.snapshotDates) {
      for (const d of demo.deals) {
        const open = d.created_at < date && (d.closed_at === null || d.closed_at >= date);
        expect(snapshotKeys.has(`${date}|${d.deal_id}`)).toBe(open);
      }
    }
    // The last snapshot is the final state of the open deals.
    const last = demo.snapshotDates[demo.snapshotDates.length - 1] as string;
    const lastRows = demo.snapshots.filter((s) => s.snapshot_date === last).map(({ snapshot_date: _d, ...row }) => row);
    expect(lastRows).toEqual(demo.deals.filter((d) => d.status === 'Open'));
  });

  it('shows pipeline movement between snapshots (slips, amount changes)', () => {
    const prev = new Map<string, { expected: string; amount: number }>();
    let slipped = 0;
    let revalued = 0;
    for (const date of demo.snapshotDates) {
      for (const s of demo.snapshots.filter((r) => r.snapshot_date === date)) {
        const p = prev.get(s.deal_id);
        if (p && s.expected_close_at > p.expected) slipped++;
        if (p && s.amount !== p.amount) revalued++;
        prev.set(s.deal_id, { expected: s.expected_close_at, amount: s.amount });
      }
    }
    expect(slipped).toBeGreaterThan(300);
    expect(revalued).toBeGreaterThan(300);
  });

  it('dates activities inside their deal and links them correctly', () => {
    const byId = new Map(demo.deals.map((d) => [d.deal_id, d]));
    for (const a of demo.activities) {
      const d = byId.get(a.deal_id) as DealRow;
      expect(d).toBeDefined();
      expect(a.account).toBe(d.account);
      expect(a.owner).toBe(d.owner);
      expect(a.activity_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const day = a.activity_at.slice(0, 10);
      expect(day >= d.created_at && day <= (d.closed_at ?? END_DAY)).toBe(true);
      expect(a.duration_minutes).toBeGreaterThanOrEqual(0);
    }
  });

  it('has costs for every month and channel, and targets for hired reps', () => {
    const months = new Set(demo.costs.map((c) => c.month));
    expect(months.size).toBe(24);
    expect(new Set(demo.costs.map((c) => c.channel)).size).toBe(8);
    for (const c of demo.costs) expect(c.cost_amount).toBeGreaterThanOrEqual(0);
    const hired = new Map(demo.reps.map((r) => [r.owner, r.hire_date.slice(0, 7)]));
    for (const t of demo.targets) {
      expect(months.has(t.month)).toBe(true);
      expect(t.month >= (hired.get(t.owner) as string)).toBe(true);
      expect(t.target_amount).toBeGreaterThan(0);
    }
  });

  it('carries the planted patterns', () => {
    const s = summarizeDemo(demo);
    expect(s.winRate).toBeGreaterThanOrEqual(0.25);
    expect(s.winRate).toBeLessThanOrEqual(0.31);
    expect(s.openAtEnd).toBeGreaterThanOrEqual(300);
    expect(s.openAtEnd).toBeLessThanOrEqual(900);
    expect(s.slipShare).toBeGreaterThanOrEqual(0.25);
    expect(s.slipShare).toBeLessThanOrEqual(0.4);
    expect(s.slippedThreeTimesOrMore).toBeGreaterThan(50);
    expect(s.medianCycleDays).toBeGreaterThanOrEqual(45);
    expect(s.medianCycleDays).toBeLessThanOrEqual(75);
    expect(s.proposalCalibration.wonShare).toBeLessThan(0.45);
    const rates = new Map(s.winRateByRep.map((r) => [r.owner, r.rate]));
    expect(rates.get('Sophie Martin')).toBeGreaterThanOrEqual(0.37);
    expect(rates.get('Léa Dubois')).toBeLessThanOrEqual(0.16);
    expect(s.winRateByRep[0]?.owner).toBe('Sophie Martin');
    expect(s.winRateByRep[s.winRateByRep.length - 1]?.owner).toBe('Léa Dubois');
    // LinkedIn ads: costly, few wins; Referral: cheap, converts best.
    const wonRevenue = (src: string) => demo.deals.filter((d) => d.status === 'Won' && d.lead_source === src).reduce((a, d) => a + d.amount, 0);
    const spend = (ch: string) => demo.costs.filter((c) => c.channel === ch).reduce((a, c) => a + c.cost_amount, 0);
    expect(wonRevenue('LinkedIn ads') / spend('LinkedIn ads')).toBeLessThan(1);
    expect(wonRevenue('Referral') / spend('Referral')).toBeGreaterThan(50);
  });
});

describe('shipped samples', () => {
  it('match the generator byte for byte', async () => {
    const out = join(tmp, 'samples');
    const { files } = await writeDemoWorkspace(out);
    const shipped = await listFiles(SAMPLES_DIR);
    const regenerated = await listFiles(out);
    expect(shipped).toEqual(regenerated);
    expect(regenerated).toEqual(files.map((f) => f.file).sort());
    for (const file of regenerated) {
      const [a, b] = await Promise.all([readFile(join(SAMPLES_DIR, file)), readFile(join(out, file))]);
      expect(a.equals(b), `${file} differs from the generator output: run npm run demo:generate`).toBe(true);
    }
    let total = 0;
    for (const file of shipped) total += (await stat(join(SAMPLES_DIR, file))).size;
    expect(total).toBeLessThan(12 * 1024 * 1024);
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12500.5)).toBe('12500.5');
    expect(csvField('a;b', ';')).toBe('"a;b"');
  });
});

describe('benchmark writers', () => {
  it('writes a deals CSV of the requested size, deterministically', async () => {
    const a = join(tmp, 'bench-a.csv');
    const b = join(tmp, 'bench-b.csv');
    await writeDealsCsv(a, { seed: 5, rows: 500 });
    await writeDealsCsv(b, { seed: 5, rows: 500, encoding: 'utf8' });
    const text = await readFile(a, 'utf8');
    expect((await readFile(b)).equals(await readFile(a))).toBe(true);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(501);
    expect(lines[0]).toBe('deal_id,deal_name,account,owner,team,pipeline,stage,status,amount,probability,created_at,expected_close_at,closed_at,lead_source,loss_reason,product');
    expect(lines[1]).toMatch(/^D-000001,/);
    expect(lines[500]).toMatch(/^D-000500,/);
    expect(text.includes('\r')).toBe(false);
  });

  it('writes the same deals French-Excel style: cp1252, semicolons, CRLF, decimal comma', async () => {
    const en = join(tmp, 'bench-en.csv');
    const fr = join(tmp, 'bench-fr.csv');
    await writeDealsCsv(en, { seed: 5, rows: 500 });
    await writeDealsCsvEuropean(fr, { seed: 5, rows: 500 });
    const bytes = await readFile(fr);
    expect(bytes.includes(0xe9)).toBe(true); // é
    expect(bytes.includes(0x80)).toBe(true); // €
    expect(bytes.includes(0x92)).toBe(true); // ’
    expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false); // not UTF-8
    const text = bytes.toString('latin1');
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(501);
    for (const line of lines) expect(line.includes('\n')).toBe(false);
    expect(lines[0]).toBe(encodeCp1252("Référence;Nom de l'affaire;Compte;Propriétaire;Équipe;Pipeline;Étape;Statut;Montant;Probabilité;Date de création;Date de clôture prévue;Date de clôture;Origine;Motif de perte;Produit").toString('latin1'));
    expect(text.includes(encodeCp1252('Prix trop élevé').toString('latin1'))).toBe(true);

    const enRows = (await readFile(en, 'utf8')).trimEnd().split('\n').slice(1).map((l) => l.split(','));
    const frRows = lines.slice(1).map((l) => l.split(';'));
    // Same logical rows: same ids, amounts, dates (no field of these fixtures contains a delimiter except names).
    for (let i = 0; i < 500; i++) {
      const e = enRows[i] as string[];
      const f = frRows[i] as string[];
      expect(f[0]).toBe(e[0]);
      expect(f).toHaveLength(16);
      expect(f[8]).toMatch(/^\d+,\d{2}$/);
      const amount = Number((f[8] as string).replace(',', '.'));
      expect(e).toContain(String(amount));
      const created = e.find((x) => /^\d{4}-\d{2}-\d{2}$/.test(x)) as string;
      expect(f[10]).toBe(`${created.slice(8, 10)}/${created.slice(5, 7)}/${created.slice(0, 4)}`);
    }
  });

  it('refuses characters Windows-1252 cannot hold', () => {
    expect(encodeCp1252('€é’').equals(Buffer.from([0x80, 0xe9, 0x92]))).toBe(true);
    expect(() => encodeCp1252('ı')).toThrow();
  });
});
