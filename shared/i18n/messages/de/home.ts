import type { Messages } from '../../catalog-types';

const home: Messages<'home'> = {
  title: 'Kennzahlen auf einen Blick',
  period: '{month} im Vergleich zu {previous} · {source}',
  noDeals: 'Keine Quelle mit Deals (Betrag, Status und Abschlussdatum), aus der sich die Zahlen berechnen lassen: importieren Sie Ihren CRM-Export unter Daten.',
  settings: 'Anzeigeeinstellungen',
  tilesLabel: 'Kennzahlen',
  current: 'Stand heute',
  tileFailed: 'Diese Zahl konnte nicht berechnet werden',
  dashboards: 'Dashboards',
  noDashboards: 'Noch kein Dashboard.',
  createDashboard: 'Eines anlegen',
  widgets: '{count, plural, =0 {leer} one {# Widget} other {# Widgets}}',
};
export default home;
