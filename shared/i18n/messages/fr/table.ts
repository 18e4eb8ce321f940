import type { Messages } from '../../catalog-types';

const table: Messages<'table'> = {
  loadFailed: 'Impossible de charger les lignes',
  noRowsTitle: 'Cette source n’a aucune ligne',
  noRowsText: 'Le fichier avait un en-tête mais aucune donnée.',
  rowsOf: 'Lignes de {name}',
};
export default table;
