// Words used across the product. English is the reference catalog: every other language must have
// exactly the same keys (checked by the type checker and by test/unit/i18n.test.ts).
export default {
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  remove: 'Remove',
  rename: 'Rename',
  duplicate: 'Duplicate',
  retry: 'Retry',
  loading: 'Loading…',
  search: 'Search',
  language: 'Language',
  rows: '{count, plural, one {# row} other {# rows}}',
  columns: '{count, plural, one {# column} other {# columns}}',
};
