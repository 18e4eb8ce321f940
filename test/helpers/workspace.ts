// Temp-file workspaces for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreApi } from '../../electron/core/api';

export const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

export async function tempCore(): Promise<{ core: CoreApi; dir: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-test-'));
  const core = await CoreApi.open(join(dir, 'workspace.duckdb'));
  return {
    core,
    dir,
    dispose: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Unwraps a Result in a test, failing with the error's message. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
