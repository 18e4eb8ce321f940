import type { Messages } from '../../catalog-types';

const common: Messages<'common'> = {
  cancel: 'Annuleren',
  close: 'Sluiten',
  save: 'Opslaan',
  remove: 'Verwijderen',
  rename: 'Hernoemen',
  duplicate: 'Dupliceren',
  retry: 'Opnieuw proberen',
  loading: 'Laden…',
  search: 'Zoeken',
  language: 'Taal',
  rows: '{count, plural, one {# rij} other {# rijen}}',
  columns: '{count, plural, one {# kolom} other {# kolommen}}',
};
export default common;
