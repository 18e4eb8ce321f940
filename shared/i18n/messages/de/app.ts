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
  dropHint: 'oder eine CSV- oder Excel-Datei irgendwo ablegen',
  sourcesTitle: 'Quellen',
  noSourceTitle: 'Keine Quelle ausgewählt',
  noSourceText: 'Importieren Sie einen Export aus Ihrem CRM (CSV oder Excel) oder wählen Sie links eine Quelle.',
  dropOverlay: 'Datei ablegen, um sie zu importieren',
};
export default app;
