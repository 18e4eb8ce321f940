// Calculated measures in the widget editor: autocomplete at the cursor, and the live check by the
// pure compiler in the renderer (errors with their position, no round trip).
import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../shared/api';
import { columnKind } from '../../shared/spec/column-kind';
import {
  applySuggestion,
  columnToken,
  completionContext,
  FORMULA_AGGREGATES,
  FORMULA_SCALARS,
  suggestions,
  type FormulaVocabulary,
} from '../../renderer/src/features/widget-editor/formula-assist';
import { checkSpec } from '../../renderer/src/features/widget-editor/spec-check';

const columns = ['deal_id:VARCHAR', 'status:VARCHAR', 'amount:DOUBLE', 'created_at:DATE', 'closed_at:DATE', 'accounts.segment:VARCHAR'];
const source: SourceInfo = {
  name: 'deals (enriched)',
  file: 'deals.csv',
  rowCount: 10,
  columns: columns.map((c) => {
    const [name, type] = c.split(':') as [string, string];
    return { name, type, kind: columnKind(type) };
  }),
  importedAt: '2026-11-01T00:00:00Z',
  snapshots: [],
  roles: { deal_id: 'deal_id', status: 'status', amount: 'amount', created_at: 'created_at', closed_at: 'closed_at', segment: 'accounts.segment' },
  model: { base: 'deals', joined: ['accounts'] },
};
const vocabulary: FormulaVocabulary = { columns: source.columns.map((c) => c.name), roles: source.roles, measures: ['won', 'lost'] };
const TODAY = '2026-11-01';

/** The text typed with "|" marking the cursor. */
const at = (typed: string) => ({ text: typed.replace('|', ''), cursor: typed.indexOf('|') });

describe('formula autocomplete', () => {
  it('inside an aggregate suggests roles and columns; outside, aggregates and measures', () => {
    const inside = at('sum(am|');
    const ctx = completionContext(inside.text, inside.cursor)!;
    expect(ctx).toEqual({ prefix: 'am', start: 4, form: 'name', insideAggregate: true });
    expect(suggestions(ctx, vocabulary).map((s) => s.label)).toEqual(['@amount', 'amount']);

    const outside = at('w|');
    const out = completionContext(outside.text, outside.cursor)!;
    expect(out.insideAggregate).toBe(false);
    expect(suggestions(out, vocabulary).map((s) => s.label)).toEqual(['won']);

    const su = at('1 + su|');
    expect(suggestions(completionContext(su.text, su.cursor)!, vocabulary).map((s) => s.label)).toEqual([
      'sum(x)',
      'sum_if(x, condition)',
    ]);
  });

  it('@ completes roles only, matched without the @', () => {
    const r = at('count_if(@st|');
    const ctx = completionContext(r.text, r.cursor)!;
    expect(ctx.form).toBe('role');
    expect(suggestions(ctx, vocabulary).map((s) => [s.label, s.detail])).toEqual([['@status', 'status']]);
  });

  it('brackets and quotes complete column names, however they are spelled', () => {
    const b = at('sum_if(amount, [acc|');
    const ctx = completionContext(b.text, b.cursor)!;
    expect(ctx).toMatchObject({ form: 'bracket', prefix: 'acc', start: 15, insideAggregate: true });
    const [first] = suggestions(ctx, vocabulary);
    expect(first!.insert).toBe('[accounts.segment]');
    expect(applySuggestion(b.text, b.cursor, ctx, first!)).toEqual({ text: 'sum_if(amount, [accounts.segment]', cursor: 33 });
    expect(columnToken('accounts.segment')).toBe('[accounts.segment]');
    expect(columnToken('amount')).toBe('amount');
    expect(columnToken('sum')).toBe('[sum]');
  });

  it('accepting replaces the whole word and opens a function call', () => {
    const t = at('coalesce(su|m_old, 0)');
    const ctx = completionContext(t.text, t.cursor)!;
    const sum = suggestions(ctx, vocabulary).find((s) => s.label === 'sum(x)')!;
    expect(applySuggestion(t.text, t.cursor, ctx, sum)).toEqual({ text: 'coalesce(sum(, 0)', cursor: 13 });
  });

  it('no suggestions inside a string, after a number or a closing parenthesis', () => {
    for (const typed of ["count_if(@status = 'Wo|", 'round(x, 2|', 'sum(amount) |', '12ab|']) {
      const t = at(typed);
      expect(completionContext(t.text, t.cursor), typed).toBeNull();
    }
    const empty = at('sum(amount) / |');
    expect(completionContext(empty.text, empty.cursor)).toMatchObject({ prefix: '', insideAggregate: false });
  });

  it('every function offered is one the compiler knows', () => {
    for (const f of [...FORMULA_AGGREGATES, ...FORMULA_SCALARS]) {
      const formula =
        f.name === 'date_diff'
          ? "avg(date_diff('day', @created_at, @closed_at))"
          : FORMULA_AGGREGATES.includes(f)
            ? f.name === 'count'
              ? 'count()'
              : f.name.endsWith('_if')
                ? f.name === 'count_if'
                  ? "count_if(@status = 'Won')"
                  : `${f.name}(@amount, @status = 'Won')`
                : f.name === 'percentile'
                  ? 'percentile(@amount, 0.75)'
                  : `${f.name}(@amount)`
            : f.name === 'round'
              ? 'round(sum(@amount), 2)'
              : f.name === 'abs'
                ? 'abs(sum(@amount))'
                : `${f.name}(sum(@amount), 0)`;
      const problem = checkSpec({ source: source.name, measures: [{ id: 'x', formula }] }, source, TODAY);
      expect(problem, formula).toBeNull();
    }
  });
});

describe('live check of the spec', () => {
  it('a syntax error names its measure and position', () => {
    const problem = checkSpec(
      { source: source.name, measures: [{ id: 'a', op: 'count' }, { id: 'b', formula: 'sum(@amount) / ' }] },
      source,
      TODAY,
    );
    expect(problem).toMatchObject({ field: 'measures.1.formula', measure: 1, line: 1, column: 16 });
    expect(problem!.message).toMatch(/1:16/);
  });

  it('an unknown column or role is caught, with a suggestion', () => {
    const unknown = checkSpec({ source: source.name, measures: [{ id: 'b', formula: 'sum(amout)' }] }, source, TODAY);
    expect(unknown).toMatchObject({ measure: 0, line: 1, column: 5 });
    expect(unknown!.message).toMatch(/amount/);
    const role = checkSpec({ source: source.name, measures: [{ id: 'b', formula: 'sum(@probability)' }] }, source, TODAY);
    expect(role!.message).toMatch(/probability/);
  });

  it('formulas may name KPI measures and their expansions; a valid spec has no problem', () => {
    const spec = {
      source: source.name,
      measures: [
        { kpi: 'revenue_won' },
        { id: 'per_deal', formula: 'revenue_won / revenue_won_deals' },
        { id: 'share', op: 'sum' as const, role: 'amount', show: 'percent_of_total' as const },
      ],
      dimensions: [{ id: 'segment', role: 'segment' }, { id: 'q', role: 'closed_at', grain: 'quarter' as const }],
      columns: ['segment'],
      filters: [{ role: 'closed_at', op: 'in_period' as const, period: 'last_12_months' as const }],
      segments: ['Key accounts'],
    };
    expect(checkSpec(spec, source, TODAY)).toBeNull();
  });

  it('shares of a non-additive measure are refused before anything runs', () => {
    const problem = checkSpec(
      { source: source.name, measures: [{ id: 'm', op: 'avg', role: 'amount', show: 'percent_of_total' }], dimensions: [{ role: 'segment' }] },
      source,
      TODAY,
    );
    expect(problem).toMatchObject({ measure: 0 });
  });
});
