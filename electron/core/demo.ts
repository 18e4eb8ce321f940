// The bundled demo workspace: the generated sample exports in resources/samples, imported into an
// empty workspace on first start. The monthly pipeline exports become the dated snapshots of one
// source, "pipeline", as a user's monthly imports would.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../shared/api';
import type { CoreApi } from './api';

/** Sources of the demo, in the order they are imported. */
export const DEMO_FILES = ['deals', 'accounts', 'reps', 'activities', 'costs', 'targets'] as const;
export const DEMO_SNAPSHOT_SOURCE = 'pipeline';
/** The demo's "today": its exports were taken on this date. */
export const DEMO_EXPORT_DATE = '2026-11-01';

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
    const result = await core.importFile({
      file: { kind: 'path', path },
      sourceName: name,
      snapshotDate: DEMO_EXPORT_DATE,
    });
    if (!result.ok) return result;
    imported.push(name);
  }
  const snapshotDir = join(samplesDir, 'snapshots');
  if (existsSync(snapshotDir)) {
    const files = readdirSync(snapshotDir)
      .filter((f) => /^deals-\d{4}-\d{2}-\d{2}\.csv$/.test(f))
      .sort();
    for (const f of files) {
      const result = await core.importFile({ file: { kind: 'path', path: join(snapshotDir, f) }, sourceName: DEMO_SNAPSHOT_SOURCE });
      if (!result.ok) return result;
    }
    if (files.length > 0) imported.push(`${DEMO_SNAPSHOT_SOURCE} (${files.length} snapshots)`);
  }
  // The demo's exports join perfectly: confirm those links so that "deals (enriched)" carries
  // each deal's account segment, type and region from the start.
  const proposals = await core.proposeRelationships();
  if (!proposals.ok) return proposals;
  for (const p of proposals.value) {
    if (p.coverage < 0.99 || p.from.source === DEMO_SNAPSHOT_SOURCE) continue;
    const linked = await core.setRelationship({ from: p.from, to: p.to }, true);
    if (!linked.ok) return linked;
  }
  return { ok: true, value: imported };
}
