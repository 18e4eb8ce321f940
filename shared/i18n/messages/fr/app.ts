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
};
export default app;
