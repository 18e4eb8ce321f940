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
  dropHint: 'of sleep een CSV- of Excelbestand ergens in het venster',
  sourcesTitle: 'Bronnen',
  noSourceTitle: 'Geen bron geselecteerd',
  noSourceText: 'Importeer een export uit uw CRM (CSV of Excel), of kies links een bron.',
  dropOverlay: 'Laat het bestand los om het te importeren',
};
export default app;
