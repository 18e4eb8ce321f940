// Named segments (saved filters): a spec's `segments` replaced by the filters they stand for,
// ANDed with the spec's own. Pure: the host reads the segments from the workspace.
import type { Result } from '../result';
import { suggest } from './suggest';
import type { AnalysisSpec, FilterTreeInput } from './types';

export interface SegmentDefinition {
  name: string;
  /** The only source the segment applies to; null: any source with the columns (or roles) it names. */
  source: string | null;
  filter: FilterTreeInput;
}

/**
 * The spec with its segments expanded into `filter` (AND), and no `segments` left. An unknown
 * segment, or one saved for another source, is an error at `segments.N`.
 */
export function expandSegments(spec: AnalysisSpec, segments: readonly SegmentDefinition[]): Result<AnalysisSpec> {
  const { segments: names, ...rest } = spec;
  if (names === undefined || names.length === 0) return { ok: true, value: rest };
  const byName = new Map(segments.map((s) => [s.name, s]));
  const filters: FilterTreeInput[] = [];
  for (const [i, name] of names.entries()) {
    const segment = byName.get(name);
    const field = `segments.${i}`;
    if (segment === undefined) {
      const near = suggest(name, [...byName.keys()]);
      return invalid(`unknown segment "${name}"${near ? ` — did you mean "${near}"?` : ''}`, field);
    }
    if (segment.source !== null && segment.source !== spec.source) {
      return invalid(`segment "${name}" is saved for the source "${segment.source}", not "${spec.source}"`, field);
    }
    filters.push(segment.filter);
  }
  return { ok: true, value: { ...rest, filter: { and: [...(spec.filter ? [spec.filter] : []), ...filters] } } };
}

function invalid<T>(message: string, field: string): Result<T> {
  return { ok: false, error: { code: 'SPEC_INVALID', message, location: { field } } };
}
