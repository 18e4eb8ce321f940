import type { Messages } from '../../catalog-types';

const ui: Messages<'ui'> = {
  dismiss: 'Fermer',
  location: 'Emplacement',
  technicalDetails: 'Détails techniques',
  englishMessage: 'Message du moteur, en anglais',
  kindNumber: 'nombre',
  kindDate: 'date',
  kindTimestamp: 'date-heure',
  kindText: 'texte',
  kindBoolean: 'oui/non',
  kindOther: 'autre',
};
export default ui;
