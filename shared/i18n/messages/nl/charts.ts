import type { Messages } from '../../catalog-types';

const charts: Messages<'charts'> = {
  others: 'Overige',
  total: 'Totaal',
  previous: 'vorige periode',
  previousYear: 'dezelfde periode vorig jaar',
  change: 'Verandering',
  count: 'Aantal',
  start: 'Begin',
  end: 'Eind',
  empty: '(leeg)',
  conversion: 'Conversie vanaf de vorige stap',
  conversionFromFirst: 'Conversie vanaf de eerste stap',
  increase: 'Stijging',
  decrease: 'Daling',
  share: 'Aandeel',
  range: 'Bereik',
  noData: 'Geen gegevens om te tonen.',
  notAChart: 'Deze widget wordt als tabel getoond.',
  chartLabel: 'Grafiek: {title}',
  kpiLabel: '{title}: {value}',
  kpiLabelChange: '{title}: {value}, {direction, select, up {gestegen met} down {gedaald met} other {onveranderd,}} {change} {compare, select, year {ten opzichte van dezelfde periode vorig jaar} other {ten opzichte van de vorige periode}}{tone, select, good { (goed nieuws)} bad { (slecht nieuws)} other {}}',
  kpiPrevious: 'Vorige: {value}',
  trend: 'Trend',
};
export default charts;
