import type { Messages } from '../../catalog-types';

const profile: Messages<'profile'> = {
  loadFailed: 'Diese Quelle konnte nicht profiliert werden',
  profiling: '{columns, plural, one {# Spalte} other {# Spalten}} von {rows, plural, one {# Zeile} other {# Zeilen}} werden profiliert…',
  column: 'Spalte',
  type: 'Typ',
  empty: 'Leer',
  distinct: 'Eindeutig',
  min: 'Min',
  max: 'Max',
  topValues: 'Häufigste Werte',
  allDistinct: 'Alle Werte verschieden',
  emptyValue: '(leer)',
  topValueTitle: '{value}: {count} ({share})',
};
export default profile;
