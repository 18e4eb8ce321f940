import type { Messages } from '../../catalog-types';

const drill: Messages<'drill'> = {
  title: 'Rijen achter ‘{title}’',
  heading: 'De rijen achter het cijfer',
  subtitle: '{title} · {cell}',
  filters: '{count, plural, one {# voorwaarde van kracht} other {# voorwaarden van kracht}}',
  noFilters: 'Geen voorwaarde: alle rijen van de bron.',
  sortBy: 'Sorteren op {column}',
  tableLabel: 'Rijen achter {title}',
  empty: 'Geen rij achter dit cijfer.',
  failed: 'De rijen konden niet worden opgehaald',
  exportCsv: 'Exporteren als CSV',
  exportXlsx: 'Exporteren als Excel',
  exporting: 'Rijen lezen… {done, number} van {total, number}',
  exported: '{count, plural, one {# rij geëxporteerd} other {# rijen geëxporteerd}}',
  exportCapped: 'De eerste {count, number} van {total, number} rijen zijn geëxporteerd (een export stopt bij {count, number} rijen; verfijn de filters voor de rest).',
  fileName: '{title} - {cell}',
  fileFallback: 'rijen',
};
export default drill;
