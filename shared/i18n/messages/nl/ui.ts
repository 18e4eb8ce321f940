import type { Messages } from '../../catalog-types';

const ui: Messages<'ui'> = {
  dismiss: 'Sluiten',
  location: 'Locatie',
  technicalDetails: 'Technische details',
  englishMessage: 'Melding van de engine, in het Engels',
  kindNumber: 'getal',
  kindDate: 'datum',
  kindTimestamp: 'datum-tijd',
  kindText: 'tekst',
  kindBoolean: 'ja/nee',
  kindOther: 'overig',
};
export default ui;
