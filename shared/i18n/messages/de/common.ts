import type { Messages } from '../../catalog-types';

const common: Messages<'common'> = {
  cancel: 'Abbrechen',
  close: 'Schließen',
  save: 'Speichern',
  remove: 'Entfernen',
  rename: 'Umbenennen',
  duplicate: 'Duplizieren',
  retry: 'Erneut versuchen',
  loading: 'Wird geladen…',
  search: 'Suchen',
  language: 'Sprache',
  rows: '{count, plural, one {# Zeile} other {# Zeilen}}',
  columns: '{count, plural, one {# Spalte} other {# Spalten}}',
};
export default common;
