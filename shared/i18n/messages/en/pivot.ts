// The pivot table and the flat results table (renderer/src/features/pivot).
export default {
  tableLabel: 'Pivot table',
  flatTableLabel: 'Results table',
  keyboardHelp:
    'Arrow keys move between figures; Enter lists the rows behind a figure; Space selects it; Left and Right collapse or expand a group.',
  grandTotal: 'Grand total',
  total: 'Total',
  groupTotal: '{value} total',
  changePct: 'Change %',
  empty: '(empty)',
  yes: 'Yes',
  no: 'No',
  expand: 'Expand {label}',
  collapse: 'Collapse {label}',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
  sortBy: 'Sort by {column}',
  up: 'up',
  down: 'down',
  flat: 'unchanged',
  changeTitle: 'Previous period: {previous} · change: {change}',
  noData: 'No figures for this selection.',
};
