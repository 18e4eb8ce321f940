// The bundled demo workspace: the generated sample exports in resources/samples, imported into an
// empty workspace on first start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../shared/api';
import type { CoreApi } from './api';

/** Sources of the demo, in the order they are imported. */
export const DEMO_FILES = ['deals', 'accounts', 'reps', 'activities', 'costs', 'targets'] as const;

/**
 * Fills an empty workspace with the demo sources; a workspace that holds anything is left alone
 * (a source the user removed does not come back). Returns the names imported.
 */
export async function ensureDemo(core: CoreApi, samplesDir: string): Promise<Result<string[]>> {
  const workspace = await core.getWorkspace();
  if (!workspace.ok) return workspace;
  if (workspace.value.sources.length > 0) return { ok: true, value: [] };
  const imported: string[] = [];
  for (const name of DEMO_FILES) {
    const path = join(samplesDir, `${name}.csv`);
    if (!existsSync(path)) continue;
    const result = await core.importFile({ file: { kind: 'path', path }, sourceName: name });
    if (!result.ok) return result;
    imported.push(name);
  }
  return { ok: true, value: imported };
}
