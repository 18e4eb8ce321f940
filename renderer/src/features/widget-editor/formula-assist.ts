// Autocomplete for calculated measures (the formula language of shared/spec/expr, see
// shared/spec/README.md): what the word under the cursor can become — a column or @role inside an
// aggregate, another measure or a function outside — and how accepting a suggestion rewrites the
// text. Pure: no DOM.

/** Aggregates of the formula language (shared/spec/expr/compile-expr.ts), with their arguments. */
export const FORMULA_AGGREGATES: readonly { name: string; args: string }[] = [
  { name: 'sum', args: 'x' },
  { name: 'count', args: '' },
  { name: 'count_distinct', args: 'x' },
  { name: 'avg', args: 'x' },
  { name: 'min', args: 'x' },
  { name: 'max', args: 'x' },
  { name: 'median', args: 'x' },
  { name: 'percentile', args: 'x, 0.75' },
  { name: 'count_if', args: 'condition' },
  { name: 'sum_if', args: 'x, condition' },
  { name: 'avg_if', args: 'x, condition' },
];

/** Scalar functions of the formula language. */
export const FORMULA_SCALARS: readonly { name: string; args: string }[] = [
  { name: 'coalesce', args: 'x, 0' },
  { name: 'round', args: 'x, 2' },
  { name: 'abs', args: 'x' },
  { name: 'nullif', args: 'x, 0' },
  { name: 'least', args: 'a, b' },
  { name: 'greatest', args: 'a, b' },
  { name: 'date_diff', args: "'day', a, b" },
];

export const FORMULA_KEYWORDS: readonly string[] = ['AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'BETWEEN', 'TRUE', 'FALSE', 'NULL'];

const AGGREGATE_NAMES = new Set(FORMULA_AGGREGATES.map((f) => f.name));

export type SuggestionKind = 'column' | 'role' | 'measure' | 'aggregate' | 'function' | 'keyword';

export interface Suggestion {
  kind: SuggestionKind;
  /** What the list shows. */
  label: string;
  /** What replaces the word typed. */
  insert: string;
  /** Argument hint of a function ("x, condition"), or the column a role maps to. */
  detail?: string;
}

export interface CompletionContext {
  /** The text typed so far of the word under the cursor (without its @ or opening bracket). */
  prefix: string;
  /** Where the word starts (its @, [ or " included). */
  start: number;
  /** What the word is: a plain name, an @role, a [bracketed] or "quoted" name. */
  form: 'name' | 'role' | 'bracket' | 'quoted';
  /** The cursor is inside an aggregate's parentheses: names there are columns. */
  insideAggregate: boolean;
}

/**
 * The open parentheses before `end` and the function each belongs to (null for grouping), ignoring
 * strings and quoted names. Also tells whether `end` is inside an unterminated quote.
 */
function scan(text: string, end: number): { frames: (string | null)[]; openQuote: { char: string; at: number } | null } {
  const frames: (string | null)[] = [];
  let i = 0;
  let lastWord: string | null = null;
  while (i < end) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      for (;;) {
        if (j >= end) return { frames, openQuote: { char: c, at: i } };
        if (text[j] === close) {
          if (text[j + 1] === close && j + 1 < end) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      i = j + 1;
      lastWord = null;
      continue;
    }
    if (/[A-Za-z_@]/.test(c)) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      lastWord = text.slice(i, j).toLowerCase();
      i = j;
      continue;
    }
    if (c === '(') frames.push(lastWord);
    else if (c === ')') frames.pop();
    if (!/\s/.test(c)) lastWord = null;
    i++;
  }
  return { frames, openQuote: null };
}

/** The word being typed at `cursor`, or null when the cursor is not after a name (after a number, an operator). */
export function completionContext(text: string, cursor: number): CompletionContext | null {
  const { frames, openQuote } = scan(text, cursor);
  const insideAggregate = frames.some((f) => f !== null && AGGREGATE_NAMES.has(f));
  if (openQuote) {
    if (openQuote.char === "'") return null;
    return {
      prefix: text.slice(openQuote.at + 1, cursor),
      start: openQuote.at,
      form: openQuote.char === '[' ? 'bracket' : 'quoted',
      insideAggregate,
    };
  }
  const before = text.slice(0, cursor);
  const match = /(@?)([A-Za-z_][A-Za-z0-9_]*|)$/.exec(before);
  if (!match) return null;
  const [whole, at, word] = match;
  const start = cursor - whole!.length;
  // Letters glued to a number ("12ab") are not a name.
  if (!at && start > 0 && /[0-9.]/.test(text[start - 1]!)) return null;
  // Nothing typed yet: suggest only where a name can start (the beginning, after an operator, "(" or ",").
  if (!at && word === '') {
    const prev = before.trimEnd().slice(-1);
    if (prev !== '' && !/[(,+\-*/%=<>]/.test(prev)) return null;
  }
  return { prefix: word ?? '', start, form: at ? 'role' : 'name', insideAggregate };
}

/** How a column is written in a formula: bare when it is a plain identifier, else in brackets. */
export function columnToken(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !AGGREGATE_NAMES.has(name.toLowerCase()) ? name : `[${name.replace(/]/g, ']]')}]`;
}

export interface FormulaVocabulary {
  columns: readonly string[];
  /** role -> the column it maps to. */
  roles: Readonly<Record<string, string>>;
  /** Ids of the other measures of the widget (usable outside aggregates). */
  measures: readonly string[];
}

const rank = (label: string, prefix: string): number => {
  const l = label.toLowerCase();
  const p = prefix.toLowerCase();
  if (p === '') return 1;
  if (l.startsWith(p)) return 0;
  if (l.includes(p)) return 1;
  return -1;
};

/** Suggestions for the word under the cursor, best first; at most `max`. */
export function suggestions(ctx: CompletionContext, vocabulary: FormulaVocabulary, max = 12): Suggestion[] {
  const columns: Suggestion[] = vocabulary.columns.map((c) => ({
    kind: 'column',
    label: c,
    insert: ctx.form === 'bracket' ? `[${c.replace(/]/g, ']]')}]` : ctx.form === 'quoted' ? `"${c.replace(/"/g, '""')}"` : columnToken(c),
  }));
  const roles: Suggestion[] = Object.entries(vocabulary.roles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, column]) => ({ kind: 'role', label: `@${role}`, insert: `@${role}`, detail: column }));
  const measures: Suggestion[] = vocabulary.measures.map((m) => ({ kind: 'measure', label: m, insert: m }));
  const aggregates: Suggestion[] = FORMULA_AGGREGATES.map((f) => ({ kind: 'aggregate', label: `${f.name}(${f.args})`, insert: `${f.name}(`, detail: f.args }));
  const scalars: Suggestion[] = FORMULA_SCALARS.map((f) => ({ kind: 'function', label: `${f.name}(${f.args})`, insert: `${f.name}(`, detail: f.args }));
  const keywords: Suggestion[] = FORMULA_KEYWORDS.map((k) => ({ kind: 'keyword', label: k, insert: k }));

  let pool: Suggestion[];
  if (ctx.form === 'role') pool = roles;
  else if (ctx.form === 'bracket' || ctx.form === 'quoted') pool = columns;
  else if (ctx.insideAggregate) pool = [...roles, ...columns, ...scalars, ...keywords];
  else pool = [...aggregates, ...measures, ...scalars, ...keywords];

  // Roles are matched without their "@" so that "am" finds @amount.
  const key = (s: Suggestion) => (s.kind === 'role' ? s.label.slice(1) : s.kind === 'aggregate' || s.kind === 'function' ? s.insert.slice(0, -1) : s.label);
  return pool
    .map((s, i) => ({ s, r: rank(key(s), ctx.prefix), i }))
    // Keywords only by their start: "w" is not BETWEEN.
    .filter((x) => x.r === 0 || (x.r > 0 && x.s.kind !== 'keyword'))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, max)
    .map((x) => x.s);
}

/** The text with the word under the cursor replaced by the suggestion, and where the cursor goes. */
export function applySuggestion(text: string, cursor: number, ctx: CompletionContext, s: Suggestion): { text: string; cursor: number } {
  let end = cursor;
  // Replace the rest of the word too (and a closing bracket or quote right after it).
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
  if ((ctx.form === 'bracket' && text[end] === ']') || (ctx.form === 'quoted' && text[end] === '"')) end++;
  const insert = s.insert;
  const next = text.slice(0, ctx.start) + insert + text.slice(end);
  return { text: next, cursor: ctx.start + insert.length };
}
