// Anonymisation for workshops: reps, accounts and deal names replaced by aliases ("Rep KQF",
// "Account BTM") derived from a hash of the name, so that the same rep has the same alias in every
// review and every export. Applied to the frozen results (the Arrow bytes are rewritten), the
// filter selections, the notes and the actions. Pure.
import { Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { ValueFilter } from '../dashboard/types';
import type { Review, FrozenResult, FrozenWidget } from './types';

/** The roles whose values name people or customers. */
export const ANONYMISED_ROLES = ['owner', 'account', 'account_name', 'deal_name'] as const;
export type AnonymisedRole = (typeof ANONYMISED_ROLES)[number];

export interface AliasPrefixes {
  rep: string;
  account: string;
  deal: string;
}

const isAnonymised = (role: string | undefined): role is AnonymisedRole => (ANONYMISED_ROLES as readonly string[]).includes(role ?? '');

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function code(n: number): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < 3; i++) {
    out += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  return out;
}

/**
 * Stable aliases: each name's alias depends on the name alone (its hash), so a rep keeps the same
 * alias in every review; two names whose hashes collide are told apart deterministically.
 */
export class Aliases {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly prefixes: AliasPrefixes) {}

  alias(role: AnonymisedRole, name: string): string {
    const kind = role === 'owner' ? 'rep' : role === 'deal_name' ? 'deal' : 'account';
    const key = `${kind}\u0000${name}`;
    const known = this.byName.get(key);
    if (known) return known;
    let h = hash(key);
    let alias = `${this.prefixes[kind]} ${code(h)}`;
    while (this.taken.has(alias)) {
      h = hash(`${h}`);
      alias = `${this.prefixes[kind]} ${code(h)}`;
    }
    this.taken.add(alias);
    this.byName.set(key, alias);
    return alias;
  }

  /** Every name met so far with its alias, longest names first (for replacing them in free text). */
  known(): [string, string][] {
    return [...this.byName.entries()].map(([k, v]): [string, string] => [k.slice(k.indexOf('\u0000') + 1), v]).sort((a, b) => b[0].length - a[0].length);
  }

  /** Replaces every known name in a text (notes, actions). */
  text(value: string): string {
    let out = value;
    for (const [name, alias] of this.known()) if (name.length >= 3) out = out.split(name).join(alias);
    return out;
  }
}

/** A frozen result with the values of the anonymised dimensions replaced (the Arrow bytes rewritten). */
export function anonymiseResult(result: FrozenResult, dimensionRoles: Readonly<Record<string, string>>, aliases: Aliases): FrozenResult {
  const targets = Object.entries(dimensionRoles).filter(([, role]) => isAnonymised(role));
  if (targets.length === 0 || result.rowCount === 0) return result;
  const table = tableFromIPC(result.ipc);
  const columns: Record<string, Vector> = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    const role = dimensionRoles[field.name];
    if (isAnonymised(role)) {
      const values: (string | null)[] = [];
      for (let i = 0; i < vector.length; i++) {
        const v: unknown = vector.get(i);
        values.push(v === null || v === undefined ? null : aliases.alias(role, String(v)));
      }
      columns[field.name] = vectorFromArray(values, new Utf8());
    } else {
      columns[field.name] = vector;
    }
  }
  const rewritten = new Table(columns);
  return { ...result, ipc: tableToIPC(rewritten, 'stream') };
}

function anonymiseWidget(widget: FrozenWidget, aliases: Aliases): FrozenWidget {
  return { ...widget, results: widget.results.map((r) => anonymiseResult(r, widget.dimensionRoles, aliases)) };
}

function anonymiseFilter(filter: ValueFilter, aliases: Aliases): ValueFilter {
  const role = 'role' in filter.field ? filter.field.role : undefined;
  if (!isAnonymised(role)) return filter;
  return { ...filter, values: filter.values.map((v) => (typeof v === 'string' ? aliases.alias(role, v) : v)) };
}

/** A review with reps, accounts and deal names replaced, everywhere they are shown. */
export function anonymiseReview(review: Review, aliases: Aliases): Review {
  const widgets = review.widgets.map((w) => anonymiseWidget(w, aliases));
  const filters = { ...review.filters, values: review.filters.values.map((f) => anonymiseFilter(f, aliases)) };
  // Free text last: every name of the results is known by then.
  const notes = Object.fromEntries(Object.entries(review.notes).map(([k, v]) => [k, aliases.text(v)]));
  const actions = review.actions.map((a) => ({ ...a, text: aliases.text(a.text), owner: aliases.text(a.owner) }));
  return { ...review, widgets, filters, notes, summary: aliases.text(review.summary), actions };
}
