// The Profile tab (renderer/src/features/profile).
export default {
  loadFailed: 'Could not profile this source',
  profiling: 'Profiling {columns, plural, one {# column} other {# columns}} of {rows, plural, one {# row} other {# rows}}…',
  column: 'Column',
  type: 'Type',
  empty: 'Empty',
  distinct: 'Distinct',
  min: 'Min',
  max: 'Max',
  topValues: 'Top values',
  allDistinct: 'All values distinct',
  emptyValue: '(empty)',
  topValueTitle: '{value}: {count} ({share})',
};
