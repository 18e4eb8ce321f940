// Micro-benchmark of result → Arrow IPC (electron/core/query/arrow.ts).
//
//   npx tsx test/bench/arrow-micro.ts [rows...]        (default: 100000 1000000)
//
// Builds a deals-like table in a temporary .duckdb file (the app's storage) and times, per query:
//   (a) engine floor: runAndReadAll (materialise + fetch every chunk, no conversion),
//       and the same through a streaming result;
//   (b) queryToArrow (default batch size, and one RecordBatch per DuckDB chunk for comparison),
//       plus tableFromIPC of its bytes (what the renderer pays to open them, lazily);
//   (c) node-api's own JS conversion, getRowObjectsJS.
// Medians of several runs after a warm-up; times in ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { queryToArrow } from '../../electron/core/query/arrow.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ROW_COUNTS = sizes.length > 0 ? sizes : [100_000, 1_000_000];

async function createDeals(conn: DuckDBConnection, rows: number): Promise<void> {
  await conn.run(`CREATE TYPE stage_t AS ENUM ('Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost', 'On Hold')`);
  await conn.run(`
    CREATE TABLE deals AS
    SELECT
      'DEAL-' || lpad(i::VARCHAR, 10, '0')                                   AS deal_id,      -- VARCHAR id (15 bytes, not inlined)
      'Account ' || (hash(i) % 20000)::VARCHAR                                 AS account,      -- VARCHAR, ~20k distinct
      (['Alice Martin', 'Bob Nakamura', 'Chloé Dubois', 'Dmitri Ivanov', 'Eva Müller', 'Farid Haddad',
        'Grace O''Brien', 'Hiro Tanaka', 'Inès Garcia', 'Jack Thompson', 'Kofi Mensah', 'Lena Schmidt'])[1 + (i % 12)::BIGINT] AS owner, -- low-card VARCHAR
      (['EMEA', 'NA', 'APAC', 'LATAM'])[1 + (hash(i + 1) % 4)::BIGINT]                 AS region,       -- low-card VARCHAR, inlined
      (['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost', 'On Hold'])[1 + (hash(i + 2) % 7)::BIGINT]::stage_t AS stage, -- ENUM
      round((hash(i + 3) % 10000000) / 100.0, 2)::DOUBLE                      AS amount,       -- DOUBLE
      (hash(i + 4) % 500)::BIGINT                                              AS quantity,     -- BIGINT
      CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2022-01-01' + (hash(i + 5) % 1095)::INTEGER END AS close_date, -- DATE, 1/3 null
      TIMESTAMP '2021-06-01' + to_microseconds((hash(i + 6) % 86400000000000)::BIGINT)          AS created_at    -- TIMESTAMP
    FROM range(${rows}) t(i)`);
  await conn.run('CHECKPOINT');
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const QUERIES: Record<string, string> = {
  'full scan': 'SELECT * FROM deals',
  'pivot (owner × month × stage)': `
    SELECT owner, date_trunc('month', close_date) AS month, stage, sum(amount) AS amount, count(*) AS deals
    FROM deals GROUP BY ALL ORDER BY ALL`,
};

const dir = mkdtempSync(join(tmpdir(), 'qd-arrow-bench-'));
try {
  for (const rows of ROW_COUNTS) {
    const instance = await DuckDBInstance.create(join(dir, `deals-${rows}.duckdb`));
    const conn = await instance.connect();
    const t0 = performance.now();
    await createDeals(conn, rows);
    console.log(`\n=== ${rows.toLocaleString('en-US')} deals (built in ${(performance.now() - t0).toFixed(0)} ms) ===`);
    for (const [name, sql] of Object.entries(QUERIES)) {
      const big = rows >= 1_000_000 && name === 'full scan';
      const runs = big ? 3 : 7;
      const floor = await time(async () => (await conn.runAndReadAll(sql)).currentRowCount, runs);
      const floorStream = await time(async () => {
        const result = await conn.stream(sql);
        let n = 0;
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) n += chunk.rowCount;
        return n;
      }, runs);
      const probe = await queryToArrow(conn, sql);
      const arrow = await time(() => queryToArrow(conn, sql), runs);
      const arrowPerChunk = await time(() => queryToArrow(conn, sql, [], { batchRows: 2048 }), runs);
      const open = await time(async () => tableFromIPC(probe.ipc).numRows, runs);
      const js = await time(async () => (await conn.runAndReadAll(sql)).getRowObjectsJS().length, big ? 1 : runs);
      const mb = (probe.ipc.byteLength / 1e6).toFixed(1);
      console.log(`\n${name}: ${probe.rowCount.toLocaleString('en-US')} rows × ${probe.columns.length} cols, IPC ${mb} MB`);
      console.log(`  (a) engine floor, runAndReadAll          ${floor.toFixed(1).padStart(9)} ms`);
      console.log(`      engine floor, stream + fetch chunks  ${floorStream.toFixed(1).padStart(9)} ms`);
      console.log(`  (b) queryToArrow                          ${arrow.toFixed(1).padStart(9)} ms  (${(arrow / floor).toFixed(2)}× floor)`);
      console.log(`      queryToArrow, one batch per chunk     ${arrowPerChunk.toFixed(1).padStart(9)} ms`);
      console.log(`      tableFromIPC(ipc) in the renderer     ${open.toFixed(1).padStart(9)} ms`);
      console.log(`  (c) runAndReadAll + getRowObjectsJS       ${js.toFixed(1).padStart(9)} ms  (${(js / arrow).toFixed(1)}× queryToArrow)`);
    }
    conn.closeSync();
    instance.closeSync();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
