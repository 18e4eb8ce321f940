import type { Messages } from '../../catalog-types';

const profile: Messages<'profile'> = {
  loadFailed: 'Impossible de profiler cette source',
  profiling: 'Profilage de {columns, plural, one {# colonne} other {# colonnes}} sur {rows, plural, one {# ligne} other {# lignes}}…',
  column: 'Colonne',
  type: 'Type',
  empty: 'Vides',
  distinct: 'Distinctes',
  min: 'Min',
  max: 'Max',
  topValues: 'Valeurs les plus fréquentes',
  allDistinct: 'Toutes les valeurs sont distinctes',
  emptyValue: '(vide)',
  topValueTitle: '{value} : {count} ({share})',
};
export default profile;
