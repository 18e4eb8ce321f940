import type { Messages } from '../../catalog-types';

const settings: Messages<'settings'> = {
  title: 'Anzeigeeinstellungen',
  intro: 'Wie Zahlen, Beträge und Daten in diesem Arbeitsbereich dargestellt werden, unabhängig von der Sprache der Menüs.',
  locale: 'Zahlen und Daten',
  localeOption: '{name} ({code})',
  currency: 'Währung',
  sample: 'Beispiel',
  theme: 'Design',
  themeLight: 'Hell',
  themeDark: 'Dunkel',
  saveFailed: 'Die Einstellungen konnten nicht gespeichert werden',
};
export default settings;
