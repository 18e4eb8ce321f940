// Where the app's own files are. Every entry point (out/main/*.js once built, electron/*/index.ts
// under tsx) sits two folders below the project root.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(entryUrl: string): string {
  return resolve(dirname(fileURLToPath(entryUrl)), '..', '..');
}

export function samplesDir(root: string): string {
  return join(root, 'resources', 'samples');
}

export function rendererDir(root: string): string {
  return join(root, 'out', 'renderer');
}

/** Default workspace of the browser host and CLI: the user's own, outside the project. */
export function defaultWorkspacePath(name = 'workspace.duckdb'): string {
  return join(process.env.QUARTERDECK_HOME ?? join(homedir(), '.quarterdeck'), name);
}
