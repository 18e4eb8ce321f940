#!/usr/bin/env node
// `npm test`: everything CI checks, in order, failing fast: type-check, lint, build the three
// hosts (Electron main + preload, browser-mode server, CLI) and the renderer, then the unit and
// integration tests, then the end-to-end tests in Chromium. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['unit + integration', 'npx', ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=test/output/unit.json']],
  ['end-to-end', 'npx', ['vitest', 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', '--outputFile.json=test/output/e2e.json']],
];

const only = process.argv[2];
mkdirSync('test/output', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, cmd, args] of steps) {
  if (only && !name.startsWith(only)) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const report = args.find((a) => a.startsWith('--outputFile.json='))?.split('=')[1];
  if (report && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    failed += json.numFailedTests ?? 0;
    skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
  console.log(`=== ${name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (run.status !== 0) {
    if (!report) failed += 1;
    console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exit(run.status ?? 1);
  }
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
