import type { Messages } from '../../catalog-types';

const table: Messages<'table'> = {
  loadFailed: 'De rijen konden niet worden geladen',
  noRowsTitle: 'Deze bron heeft geen rijen',
  noRowsText: 'Het bestand had een kopregel maar geen gegevens.',
  rowsOf: 'Rijen van {name}',
};
export default table;
