// The one place that quotes SQL identifiers and literals. Values from users travel as bound
// parameters; literals are only for the few places DuckDB does not accept a parameter (a file
// path inside read_csv options, a type name).

/** Quotes an identifier for DuckDB: wraps in double quotes and doubles any inner double quote. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: wraps in single quotes and doubles any inner quote. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('literal contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Renders a number from a validated spec or a parsed formula (a bin width, a percentile, a round
 * precision). Strings never take this path: they are bound parameters.
 */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error('number literal is not finite');
  const text = String(value);
  // String(n) of a finite number is digits, '.', 'e', '+', '-' only; parenthesize negatives.
  return value < 0 ? `(${text})` : text;
}
