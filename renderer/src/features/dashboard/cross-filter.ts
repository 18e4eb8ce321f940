// From a clicked cell (its dimension values) to the cross-filters it sets on the other widgets: one
// per dimension of the cell, on the dimension's role (so that it reaches every source mapping it)
// or its column; a time bucket keeps its grain. Pure; labels are built by the caller.
import type { CellSelector } from '../../../../shared/api';
import type { CrossFilter, FieldRef, Widget } from '../../../../shared/dashboard/types';
import { RESERVED_ID_PREFIX, type DimensionInput, type FilterValue } from '../../../../shared/spec/types';

export interface CellPart {
  dimension: DimensionInput;
  value: FilterValue;
}

/** The spec's dimensions named in the cell, in the spec's order (the totals marker left out). */
export function cellParts(widget: Pick<Widget, 'spec'>, cell: CellSelector): CellPart[] {
  const dims = widget.spec.dimensions ?? [];
  const parts: CellPart[] = [];
  dims.forEach((d, i) => {
    const id = d.id ?? `d${i}`;
    if (id.startsWith(RESERVED_ID_PREFIX) || !(id in cell)) return;
    parts.push({ dimension: d, value: cell[id] ?? null });
  });
  return parts;
}

export function dimensionField(widget: Pick<Widget, 'spec'>, d: DimensionInput): FieldRef | null {
  if (d.role) return { role: d.role };
  if (d.column) return { source: widget.spec.source, column: d.column };
  return null;
}

/** A bucket start as YYYY-MM-DD (timestamps keep their day). */
function bucketValue(value: FilterValue): FilterValue {
  return typeof value === 'string' ? value.slice(0, 10) : value;
}

export function crossFiltersFor(
  widget: Pick<Widget, 'id' | 'spec'>,
  cell: CellSelector,
  label: (part: CellPart) => string,
): CrossFilter[] {
  const out: CrossFilter[] = [];
  for (const part of cellParts(widget, cell)) {
    // Binned numbers select a range, not a value: not a cross-filter.
    if (part.dimension.bin) continue;
    // The merged "Others" group of a top-n is not a value of the field.
    const top = part.dimension.top;
    if (top && part.value === (top.othersLabel ?? 'Others')) continue;
    const field = dimensionField(widget, part.dimension);
    if (!field) continue;
    const grain = part.dimension.grain;
    out.push({
      fromWidget: widget.id,
      field,
      values: [grain ? bucketValue(part.value) : part.value],
      label: label(part),
      ...(grain ? { grain } : {}),
    });
  }
  return out;
}

/** Same widget, same fields and values: a second click on it clears it. */
export function sameCrossFilters(a: readonly CrossFilter[], b: readonly CrossFilter[]): boolean {
  const key = (list: readonly CrossFilter[]) => JSON.stringify(list.map((c) => [c.fromWidget, c.field, c.values, c.grain ?? null]));
  return a.length === b.length && key(a) === key(b);
}
