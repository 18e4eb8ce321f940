import type { Messages } from '../../catalog-types';

const profile: Messages<'profile'> = {
  loadFailed: 'Deze bron kon niet worden geprofileerd',
  profiling: '{columns, plural, one {# kolom} other {# kolommen}} van {rows, plural, one {# rij} other {# rijen}} profileren…',
  column: 'Kolom',
  type: 'Type',
  empty: 'Leeg',
  distinct: 'Uniek',
  min: 'Min',
  max: 'Max',
  topValues: 'Meest voorkomende waarden',
  allDistinct: 'Alle waarden verschillend',
  emptyValue: '(leeg)',
  topValueTitle: '{value}: {count} ({share})',
};
export default profile;
