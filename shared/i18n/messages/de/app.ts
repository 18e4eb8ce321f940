import type { Messages } from '../../catalog-types';

const app: Messages<'app'> = {
  brandName: 'Quarterdeck',
  workspace: 'Arbeitsbereich',
  navHome: 'Start',
  navDashboards: 'Dashboards',
  navForecast: 'Prognose',
  navData: 'Daten',
  navLabel: 'Hauptbereiche',
  openingWorkspace: 'Arbeitsbereich wird geöffnet…',
  openWorkspaceFailed: 'Der Arbeitsbereich konnte nicht geöffnet werden',
};
export default app;
