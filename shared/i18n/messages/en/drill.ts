// The rows behind a number: the drill-down side panel.
export default {
  title: 'Rows behind “{title}”',
  heading: 'Rows behind the number',
  subtitle: '{title} · {cell}',
  filters: '{count, plural, one {# condition in force} other {# conditions in force}}',
  noFilters: 'No condition: every row of the source.',
  sortBy: 'Sort by {column}',
  tableLabel: 'Rows behind {title}',
  empty: 'No row behind this number.',
  failed: 'Could not list the rows',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  exporting: 'Reading rows… {done, number} of {total, number}',
  exported: '{count, plural, one {# row exported} other {# rows exported}}',
  exportCapped: 'Exported the first {count, number} of {total, number} rows (an export stops at {count, number} rows; narrow the filters for the rest).',
  fileName: '{title} - {cell}',
  fileFallback: 'rows',
};
