import type { Messages } from '../../catalog-types';

const app: Messages<'app'> = {
  brandName: 'Quarterdeck',
  workspace: 'Werkruimte',
  navHome: 'Start',
  navDashboards: 'Dashboards',
  navForecast: 'Prognose',
  navData: 'Gegevens',
  navLabel: 'Hoofdonderdelen',
  openingWorkspace: 'Werkruimte openen…',
  openWorkspaceFailed: 'De werkruimte kon niet worden geopend',
};
export default app;
