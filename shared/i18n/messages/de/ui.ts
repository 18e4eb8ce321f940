import type { Messages } from '../../catalog-types';

const ui: Messages<'ui'> = {
  dismiss: 'Schließen',
  location: 'Ort',
  technicalDetails: 'Technische Details',
  englishMessage: 'Meldung der Engine, auf Englisch',
  kindNumber: 'Zahl',
  kindDate: 'Datum',
  kindTimestamp: 'Zeitstempel',
  kindText: 'Text',
  kindBoolean: 'ja/nein',
  kindOther: 'andere',
};
export default ui;
