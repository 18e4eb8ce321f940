import type { Messages } from '../../catalog-types';

const app: Messages<'app'> = {
  brandName: 'Quarterdeck',
  workspace: 'Espace de travail',
  navHome: 'Accueil',
  navDashboards: 'Tableaux de bord',
  navForecast: 'Prévisions',
  navData: 'Données',
  navLabel: 'Sections principales',
  openingWorkspace: 'Ouverture de l’espace de travail…',
  openWorkspaceFailed: 'Impossible d’ouvrir l’espace de travail',
  dropHint: 'ou déposez un fichier CSV ou Excel n’importe où',
  sourcesTitle: 'Sources',
  noSourceTitle: 'Aucune source sélectionnée',
  noSourceText: 'Importez un export de votre CRM (CSV ou Excel), ou choisissez une source à gauche.',
  dropOverlay: 'Déposez le fichier pour l’importer',
};
export default app;
