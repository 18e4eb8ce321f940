// The house rules of ARCHITECTURE.md that imports can show: the core runs under plain Node, shared/
// is pure, the renderer talks to the backend only through the contract.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir))) {
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|mts)$/.test(entry)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

function offenders(dir: string, bad: (spec: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((file) => imports(file).filter((s) => bad(s, file)).map((s) => `${file}: ${s}`));
}

describe('layering', () => {
  it('electron/core, the server and the CLI never import electron', () => {
    for (const dir of ['electron/core', 'electron/server', 'electron/cli']) {
      expect(offenders(dir, (s) => s === 'electron' || s.startsWith('electron/'))).toEqual([]);
    }
  });

  it('the core imports nothing of the hosts or the renderer', () => {
    expect(offenders('electron/core', (s) => /\/(main|preload|server|cli)\/|renderer\//.test(s))).toEqual([]);
  });

  it('shared/ is pure: no Node, Electron, React, DuckDB, and nothing of ours outside shared/', () => {
    expect(
      offenders('shared', (s, file) => {
        if (/^(node:|fs|path|os|child_process|electron|react|@duckdb)/.test(s)) return true;
        if (!s.startsWith('.')) return false;
        const target = join(file, '..', s);
        return relative('shared', target).startsWith('..');
      }),
    ).toEqual([]);
  });

  it('the renderer reaches the backend only through shared/', () => {
    expect(
      offenders('renderer/src', (s, file) => {
        if (/^(node:|fs|path|os|child_process|electron$|@duckdb)/.test(s)) return true;
        if (!s.startsWith('.')) return false;
        const target = relative(ROOT, join(ROOT, file, '..', s));
        return !target.startsWith('renderer') && !target.startsWith('shared');
      }),
    ).toEqual([]);
  });
});
