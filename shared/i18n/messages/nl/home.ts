import type { Messages } from '../../catalog-types';

const home: Messages<'home'> = {
  title: 'Kerncijfers',
  period: '{month} vergeleken met {previous} · {source}',
  noDeals: 'Geen bron met deals (bedrag, status en sluitingsdatum) om de cijfers uit te berekenen: importeer uw CRM-export bij Gegevens.',
  settings: 'Weergave-instellingen',
  tilesLabel: 'Kerncijfers',
  current: 'op dit moment',
  tileFailed: 'Dit cijfer kon niet worden berekend',
  dashboards: 'Dashboards',
  noDashboards: 'Nog geen dashboard.',
  createDashboard: 'Er een maken',
  widgets: '{count, plural, =0 {leeg} one {# widget} other {# widgets}}',
};
export default home;
