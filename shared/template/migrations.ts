// Template versions and their migrations. Each migration turns version n into n + 1; loading runs
// them in a chain, so a file of any earlier version loads. Never edit a released migration: add one.
//
// Version 1 (the first format): one deals source named "$source" in widget specs, its required
// roles in `roles`, the period and comparison at the top level, `savedAt` for the save time.
// Version 2: several source slots (deals, accounts, activities ...) each with its roles, grouped
// parameters (period, comparison, filter defaults), origin, translatable name/description keys,
// and the stage names the filters were written against.
// Version 3: slots may read a source's history (`history`: bound to a source with several dated
// snapshots), built-in templates name their widgets' titles by catalog key (`titleKeys`), and a
// stage mapping may send one template stage to several stages of the data. A version-2 reader
// refuses those fields, hence the new version; a version-2 file needs no change to be read.
import type { Result } from '../result';
import { TEMPLATE_VERSION } from './types';

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Version 1 -> 2. */
function v1ToV2(doc: Doc): Doc {
  const dashboard = isRecord(doc.dashboard) ? doc.dashboard : {};
  const widgets = Array.isArray(doc.widgets) ? doc.widgets : Array.isArray(dashboard.widgets) ? dashboard.widgets : [];
  const renamed = widgets.map((w) => {
    if (!isRecord(w) || !isRecord(w.spec)) return w;
    const source = w.spec.source === '$source' ? '$deals' : w.spec.source;
    return { ...w, spec: { ...w.spec, source } };
  });
  const filters = isRecord(doc.filters) ? doc.filters : { period: null, values: [], compare: null };
  return {
    format: doc.format,
    version: 2,
    id: doc.id,
    name: doc.name,
    description: typeof doc.description === 'string' ? doc.description : '',
    origin: 'imported',
    createdAt: typeof doc.savedAt === 'string' ? doc.savedAt : '',
    slots: [{ id: 'deals', entity: 'deal', roles: Array.isArray(doc.roles) ? doc.roles : [] }],
    parameters: {
      period: doc.period ?? 'last_complete_month',
      compare: doc.compare ?? null,
      defaults: [],
    },
    dashboard: { name: typeof doc.name === 'string' ? doc.name : 'Dashboard', widgets: renamed, filters },
  };
}

/** Version 2 -> 3: nothing to rewrite (every version-3 addition is optional). */
function v2ToV3(doc: Doc): Doc {
  return { ...doc, version: 3 };
}

/** MIGRATIONS[n] turns version n + 1 into version n + 2. */
const MIGRATIONS: ReadonlyArray<(doc: Doc) => Doc> = [v1ToV2, v2ToV3];

/** Migrates a template document of any known version to the current one. */
export function migrateTemplate(doc: Doc): Result<Doc> {
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'the template has no valid "version"' } };
  }
  if (version > TEMPLATE_VERSION) {
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `the template was made by a newer Quarterdeck (template version ${version}; this one reads up to ${TEMPLATE_VERSION}): update Quarterdeck to open it`,
      },
    };
  }
  let current = doc;
  for (let v = version; v < TEMPLATE_VERSION; v++) current = MIGRATIONS[v - 1]!(current);
  return { ok: true, value: current };
}
