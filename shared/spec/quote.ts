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
