import type { Messages } from '../../catalog-types';

const drill: Messages<'drill'> = {
  title: 'Zeilen hinter „{title}“',
  heading: 'Die Zeilen hinter der Zahl',
  subtitle: '{title} · {cell}',
  filters: '{count, plural, one {# Bedingung aktiv} other {# Bedingungen aktiv}}',
  noFilters: 'Keine Bedingung: alle Zeilen der Quelle.',
  sortBy: 'Nach {column} sortieren',
  tableLabel: 'Zeilen hinter {title}',
  empty: 'Keine Zeile hinter dieser Zahl.',
  failed: 'Die Zeilen konnten nicht gelesen werden',
  exportCsv: 'CSV exportieren',
  exportXlsx: 'Excel exportieren',
  exporting: 'Zeilen werden gelesen… {done, number} von {total, number}',
  exported: '{count, plural, one {# Zeile exportiert} other {# Zeilen exportiert}}',
  exportCapped: 'Die ersten {count, number} von {total, number} Zeilen wurden exportiert (ein Export endet bei {count, number} Zeilen; grenzen Sie die Filter für den Rest ein).',
  fileName: '{title} - {cell}',
  fileFallback: 'zeilen',
};
export default drill;
