import type { Messages } from '../../catalog-types';

const pivot: Messages<'pivot'> = {
  tableLabel: 'Draaitabel',
  flatTableLabel: 'Resultatentabel',
  keyboardHelp:
    'Met de pijltjestoetsen gaat u van cijfer naar cijfer; Enter toont de rijen achter een cijfer; Spatie selecteert het; Links en Rechts klappen een groep in of uit.',
  grandTotal: 'Eindtotaal',
  total: 'Totaal',
  groupTotal: '{value} totaal',
  changePct: 'Verandering %',
  empty: '(leeg)',
  yes: 'Ja',
  no: 'Nee',
  expand: '{label} uitklappen',
  collapse: '{label} inklappen',
  expandAll: 'Alles uitklappen',
  collapseAll: 'Alles inklappen',
  sortBy: 'Sorteren op {column}',
  up: 'gestegen',
  down: 'gedaald',
  flat: 'ongewijzigd',
  changeTitle: 'Vorige periode: {previous} · verschil: {change}',
  noData: 'Geen cijfers voor deze selectie.',
};
export default pivot;
