import type { Messages } from '../../catalog-types';

const pivot: Messages<'pivot'> = {
  tableLabel: 'Tableau croisé dynamique',
  flatTableLabel: 'Tableau des résultats',
  keyboardHelp:
    'Les flèches passent d’un chiffre à l’autre ; Entrée liste les lignes derrière un chiffre ; Espace le sélectionne ; Gauche et Droite replient ou déplient un groupe.',
  grandTotal: 'Total général',
  total: 'Total',
  groupTotal: 'Total {value}',
  changePct: 'Évolution %',
  empty: '(vide)',
  yes: 'Oui',
  no: 'Non',
  expand: 'Déplier {label}',
  collapse: 'Replier {label}',
  expandAll: 'Tout déplier',
  collapseAll: 'Tout replier',
  sortBy: 'Trier par {column}',
  up: 'en hausse',
  down: 'en baisse',
  flat: 'stable',
  changeTitle: 'Période précédente : {previous} · écart : {change}',
  noData: 'Aucun chiffre pour cette sélection.',
};
export default pivot;
