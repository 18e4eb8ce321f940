import type { Messages } from '../../catalog-types';

const common: Messages<'common'> = {
  cancel: 'Annuler',
  close: 'Fermer',
  save: 'Enregistrer',
  remove: 'Supprimer',
  rename: 'Renommer',
  duplicate: 'Dupliquer',
  retry: 'Réessayer',
  loading: 'Chargement…',
  search: 'Rechercher',
  language: 'Langue',
  rows: '{count, plural, one {# ligne} other {# lignes}}',
  columns: '{count, plural, one {# colonne} other {# colonnes}}',
};
export default common;
