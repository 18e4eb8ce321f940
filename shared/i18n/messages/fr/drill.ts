import type { Messages } from '../../catalog-types';

const drill: Messages<'drill'> = {
  title: 'Lignes derrière « {title} »',
  heading: 'Les lignes derrière le chiffre',
  subtitle: '{title} · {cell}',
  filters: '{count, plural, one {# condition appliquée} other {# conditions appliquées}}',
  noFilters: 'Aucune condition : toutes les lignes de la source.',
  sortBy: 'Trier par {column}',
  tableLabel: 'Lignes derrière {title}',
  empty: 'Aucune ligne derrière ce chiffre.',
  failed: 'Impossible de lister les lignes',
  exportCsv: 'Exporter en CSV',
  exportXlsx: 'Exporter en Excel',
  exporting: 'Lecture des lignes… {done, number} sur {total, number}',
  exported: '{count, plural, one {# ligne exportée} other {# lignes exportées}}',
  exportCapped: 'Les {count, number} premières lignes sur {total, number} ont été exportées (un export s’arrête à {count, number} lignes ; affinez les filtres pour le reste).',
  fileName: '{title} - {cell}',
  fileFallback: 'lignes',
};
export default drill;
