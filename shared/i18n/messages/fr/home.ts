import type { Messages } from '../../catalog-types';

const home: Messages<'home'> = {
  title: 'Chiffres clés',
  period: '{month} comparé à {previous} · {source}',
  noDeals: 'Aucune source d’affaires (montant, statut et date de clôture) pour calculer les chiffres : importez votre export CRM dans Données.',
  settings: 'Paramètres d’affichage',
  tilesLabel: 'Chiffres clés',
  current: 'à ce jour',
  tileFailed: 'Impossible de calculer ce chiffre',
  dashboards: 'Tableaux de bord',
  noDashboards: 'Aucun tableau de bord pour l’instant.',
  createDashboard: 'En créer un',
  widgets: '{count, plural, =0 {vide} one {# widget} other {# widgets}}',
};
export default home;
