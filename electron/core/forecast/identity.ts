// Deal identity across snapshots (the matching rule of shared/forecast/types.ts DealIdentity):
// the deal_id role when both sides map it; else the deal name, the account (when both sides map
// it) and the created day together, normalised so that an export's spacing and case do not
// break the match.
import type { DealIdentity } from '../../../shared/forecast/types';
import { asDate, asText } from './sql';

/** A source's columns as the identity needs them: role -> column name and DuckDB type. */
export interface RoleColumns {
  column(role: string): { name: string; type: string } | null;
}

export type IdentityRule = Omit<DealIdentity, 'duplicateRows'>;

/** The roles a source lacks for any identity rule, in words, for the error message. */
export const IDENTITY_NEEDS = 'deal_id, or deal_name and created_at (with account when mapped)';

/**
 * The rule that can match `a`'s deals to `b`'s (b: the same source when absent): deal_id when
 * both map it, else name + account + created day; null when neither rule fits.
 */
export function identityRule(a: RoleColumns, b: RoleColumns = a): IdentityRule | null {
  if (a.column('deal_id') && b.column('deal_id')) return { rule: 'deal_id', roles: ['deal_id'] };
  if (a.column('deal_name') && b.column('deal_name') && a.column('created_at') && b.column('created_at')) {
    const withAccount = Boolean(a.column('account') && b.column('account'));
    return { rule: 'name_account_created', roles: withAccount ? ['deal_name', 'account', 'created_at'] : ['deal_name', 'created_at'] };
  }
  return null;
}

/** Lower case, trimmed, inner runs of spaces collapsed: "  ACME  Corp " and "acme corp" match. */
function normalised(text: string): string {
  return `lower(regexp_replace(${text}, '\\s+', ' ', 'g'))`;
}

/** The SQL expression of a row's deal key under a rule (never null: an empty part is ''). */
export function keyExpression(rule: IdentityRule, columns: RoleColumns): string {
  const col = (role: string) => {
    const c = columns.column(role);
    if (!c) throw new Error(`identity role ${role} is not mapped`);
    return c;
  };
  if (rule.rule === 'deal_id') {
    const c = col('deal_id');
    return `coalesce(${asText(c.name, c.type)}, '')`;
  }
  const parts = rule.roles.map((role) => {
    const c = col(role);
    if (role === 'created_at') return `coalesce(strftime(${asDate(c.name, c.type)}, '%Y-%m-%d'), '')`;
    return `coalesce(${normalised(asText(c.name, c.type))}, '')`;
  });
  // U+001F (unit separator) cannot be typed in a cell: parts cannot run into each other.
  return parts.join(` || chr(31) || `);
}
