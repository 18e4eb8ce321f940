// The Data tab (renderer/src/features/table).
export default {
  loadFailed: 'Could not load rows',
  noRowsTitle: 'This source has no rows',
  noRowsText: 'The file had a header but no data.',
  rowsOf: 'Rows of {name}',
};
