// `npx tsx test/bench/typing-bench.ts`: value typing at scale. Builds 1M-row raw tables of text
// (an English-style and a European-style export, generated in DuckDB), then times
//   - a plain copy:            CREATE TABLE t AS SELECT * FROM raw
//   - the typed conversion:    CREATE TABLE t AS SELECT <conversionExpr per column> FROM raw
//   - each column's conversion alone, detection (detectColumns) and countFailures.
// Median of RUNS runs. ROWS and RUNS can be set in the environment.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { countFailures, conversionExpr, detectColumns, type RawColumn } from '../../electron/core/import/typing';
import { DEFAULT_NULL_TOKENS } from '../../shared/import/types';
import { quoteIdent } from '../../shared/spec/quote';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);

// Column generators, in SQL over i = 0..ROWS-1 (x: a pseudo-random amount).
const EN: [string, string][] = [
  ['deal_id', `CAST(i + 1 AS VARCHAR)`],
  ['owner', `'Owner ' || (i % 50)`],
  ['amount', `format('{:,.2f}', x)`],
  ['amount_usd', `'$' || format('{:,.2f}', x)`],
  ['probability', `format('{:.1f}%', (i % 1000) / 10)`],
  ['created', `strftime(DATE '2020-01-01' + CAST(i % 1500 AS INTEGER), '%m/%d/%Y')`],
  ['closed_at', `strftime(TIMESTAMP '2020-01-01' + to_seconds(i * 37), '%Y-%m-%d %H:%M:%S')`],
  ['modified', `strftime(TIMESTAMP '2020-01-01' + to_seconds(i * 37), '%d %b, %Y %H:%M:%S')`],
  ['won', `CASE WHEN i % 3 = 0 THEN 'Yes' ELSE 'No' END`],
];
const EU: [string, string][] = [
  ['deal_id', `CAST(i + 1 AS VARCHAR)`],
  ['owner', `'Propriétaire ' || (i % 50)`],
  ['montant', `translate(format('{:,.2f}', x), ',.', chr(8239) || ',')`],
  ['montant_eur', `translate(format('{:,.2f}', x), ',.', chr(8239) || ',') || ' €'`],
  ['probabilite', `replace(format('{:.1f} %', (i % 1000) / 10), '.', ',')`],
  ['date_creation', `strftime(DATE '2020-01-01' + CAST(i % 1500 AS INTEGER), '%d/%m/%Y')`],
  ['cloture', `strftime(TIMESTAMP '2020-01-01' + to_seconds(i * 37), '%d/%m/%Y %H:%M')`],
  ['echeance', `replace(replace(strftime(DATE '2020-01-01' + CAST(i % 1500 AS INTEGER), '%d %b %Y'), 'Apr', 'avr.'), 'May', 'mai')`],
  ['gagne', `CASE WHEN i % 3 = 0 THEN 'oui' ELSE 'non' END`],
];

async function time(conn: DuckDBConnection, sql: string): Promise<number> {
  const start = performance.now();
  await conn.run(sql);
  return performance.now() - start;
}

/** Median and best of RUNS runs (the machine may be shared: the best is the steadier figure). */
async function median(fn: () => Promise<number>): Promise<{ med: number; min: number }> {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await fn());
  runs.sort((a, b) => a - b);
  return { med: runs[Math.floor(runs.length / 2)]!, min: runs[0]! };
}

const ms = (v: { med: number; min: number }) => `${v.med.toFixed(0).padStart(5)} ms (best ${v.min.toFixed(0).padStart(5)})`;

async function bench(conn: DuckDBConnection, label: string, gens: [string, string][]): Promise<void> {
  const raw = `raw_${label}`;
  const cols = gens.map(([, sql], i) => `${sql} AS c${i}`).join(', ');
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${raw} AS SELECT CAST(i + 2 AS BIGINT) AS __line, ${cols} ` +
      `FROM (SELECT i, round(abs(hash(i) % 10000000) / 100.0 * (1 + i % 3), 2) AS x FROM range(${ROWS}) t(i))`,
  );
  const columns: RawColumn[] = gens.map(([name], i) => ({ index: i, name, header: name, ident: `c${i}` }));

  let detected!: Awaited<ReturnType<typeof detectColumns>>;
  const detect = await median(async () => {
    const start = performance.now();
    detected = await detectColumns(conn, raw, columns, {});
    return performance.now() - start;
  });
  const settings = {
    decimalSeparator: detected.decimalSeparator,
    thousandsSeparator: detected.thousandsSeparator,
    nullTokens: DEFAULT_NULL_TOKENS,
  };
  const exprs = detected.plans.map((p, i) => `${conversionExpr(p, settings, columns[i]!.ident)} AS ${quoteIdent(p.name)}`);

  const copy = await median(() => time(conn, `CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM ${raw}`));
  const typed = await median(() => time(conn, `CREATE OR REPLACE TEMP TABLE t AS SELECT ${exprs.join(', ')} FROM ${raw}`));
  const counting = await median(async () => {
    const start = performance.now();
    await countFailures(conn, raw, detected.plans, settings);
    return performance.now() - start;
  });

  console.log(`\n${label}: ${ROWS.toLocaleString('en-US')} rows x ${gens.length} columns (decimal '${settings.decimalSeparator}', thousands '${settings.thousandsSeparator}', ${detected.dateOrder})`);
  console.log(`  plain copy (SELECT *)           ${ms(copy)}`);
  console.log(`  typed conversion, all columns   ${ms(typed)}   (${(typed.min / copy.min).toFixed(1)}x the copy)`);
  console.log(`  countFailures, one scan         ${ms(counting)}`);
  console.log(`  detectColumns (sample 20k)      ${ms(detect)}`);
  for (const [i, p] of detected.plans.entries()) {
    const one = await median(() =>
      time(conn, `CREATE OR REPLACE TEMP TABLE t AS SELECT ${conversionExpr(p, settings, columns[i]!.ident)} AS v FROM ${raw}`),
    );
    const copyOne = await median(() => time(conn, `CREATE OR REPLACE TEMP TABLE t AS SELECT c${i} AS v FROM ${raw}`));
    const example = (await conn.runAndReadAll(`SELECT c${i} AS v FROM ${raw} LIMIT 1 OFFSET 12345`)).getRowObjectsJS()[0]?.v;
    console.log(
      `    ${p.name.padEnd(14)} ${p.kind.padEnd(9)} ${(p.format ?? p.currency ?? '').padEnd(22)} ${ms(one)} (copy ${ms(copyOne)})  e.g. ${JSON.stringify(example)}`,
    );
  }
}

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run("SET TimeZone = 'UTC'");
const threads = (await conn.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS()[0]?.t;
console.log(`DuckDB ${(await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]?.v}, ${threads} threads, median of ${RUNS}`);
await bench(conn, 'english', EN);
await bench(conn, 'european', EU);
conn.closeSync();
instance.closeSync();
