import type { Messages } from '../../catalog-types';

const settings: Messages<'settings'> = {
  title: 'Weergave-instellingen',
  intro: 'Hoe getallen, bedragen en datums in deze werkruimte worden weergegeven, los van de taal van de menu’s.',
  locale: 'Getallen en datums',
  localeOption: '{name} ({code})',
  currency: 'Valuta',
  sample: 'Voorbeeld',
  theme: 'Thema',
  themeLight: 'Licht',
  themeDark: 'Donker',
  saveFailed: 'De instellingen konden niet worden opgeslagen',
};
export default settings;
