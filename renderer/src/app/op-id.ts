// Ids for long operations (imports, queries), chosen here so the UI can poll and cancel them.
// The contract accepts [A-Za-z0-9_-].
let counter = 0;

export function newOpId(prefix: 'import' | 'query'): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${counter}-${random}`;
}
