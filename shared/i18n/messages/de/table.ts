import type { Messages } from '../../catalog-types';

const table: Messages<'table'> = {
  loadFailed: 'Die Zeilen konnten nicht geladen werden',
  noRowsTitle: 'Diese Quelle hat keine Zeilen',
  noRowsText: 'Die Datei hatte eine Kopfzeile, aber keine Daten.',
  rowsOf: 'Zeilen von {name}',
};
export default table;
