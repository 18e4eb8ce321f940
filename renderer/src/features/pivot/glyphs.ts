// The signs the tables draw (never read out: each is aria-hidden beside a translated word).
export const GLYPH = {
  up: '▲',
  down: '▼',
  flat: '=',
  expander: '▶',
  expandAll: '⊞',
  collapseAll: '⊟',
} as const;

export type ChangeDirection = 'up' | 'down' | 'flat';
