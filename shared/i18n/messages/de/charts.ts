import type { Messages } from '../../catalog-types';

const charts: Messages<'charts'> = {
  others: 'Sonstige',
  total: 'Gesamt',
  previous: 'Vorperiode',
  previousYear: 'Vorjahreszeitraum',
  change: 'Veränderung',
  count: 'Anzahl',
  start: 'Anfang',
  end: 'Ende',
  empty: '(leer)',
  conversion: 'Konversion gegenüber dem vorigen Schritt',
  conversionFromFirst: 'Konversion gegenüber dem ersten Schritt',
  increase: 'Anstieg',
  decrease: 'Rückgang',
  share: 'Anteil',
  range: 'Bereich',
  noData: 'Keine Daten für ein Diagramm.',
  notAChart: 'Dieses Widget wird als Tabelle angezeigt.',
  chartLabel: 'Diagramm: {title}',
  kpiLabel: '{title}: {value}',
  kpiLabelChange: '{title}: {value}, {direction, select, up {gestiegen um} down {gesunken um} other {unverändert,}} {change} {compare, select, year {gegenüber dem Vorjahreszeitraum} other {gegenüber der Vorperiode}}{tone, select, good { (gute Nachricht)} bad { (schlechte Nachricht)} other {}}',
  kpiPrevious: 'Vorher: {value}',
  trend: 'Trend',
};
export default charts;
