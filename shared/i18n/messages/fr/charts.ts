import type { Messages } from '../../catalog-types';

const charts: Messages<'charts'> = {
  others: 'Autres',
  total: 'Total',
  previous: 'période précédente',
  previousYear: "même période l'an dernier",
  change: 'Évolution',
  count: 'Nombre',
  start: 'Début',
  end: 'Fin',
  empty: '(vide)',
  conversion: "Taux de transformation depuis l'étape précédente",
  conversionFromFirst: 'Taux de transformation depuis la première étape',
  increase: 'Hausse',
  decrease: 'Baisse',
  share: 'Part',
  range: 'Tranche',
  noData: 'Aucune donnée à représenter.',
  notAChart: "Ce widget s'affiche sous forme de tableau.",
  chartLabel: 'Graphique : {title}',
  kpiLabel: '{title} : {value}',
  kpiLabelChange: "{title} : {value}, {direction, select, up {en hausse de} down {en baisse de} other {stable,}} {change} {compare, select, year {par rapport à la même période l'an dernier} other {par rapport à la période précédente}}{tone, select, good { (bonne nouvelle)} bad { (mauvaise nouvelle)} other {}}",
  kpiPrevious: 'Précédent : {value}',
  trend: 'Tendance',
};
export default charts;
