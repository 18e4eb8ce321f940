// The workspace's display settings: number and date locale, currency, theme.
export default {
  title: 'Display settings',
  intro: 'How numbers, amounts and dates read in this workspace, whatever the language of the menus.',
  locale: 'Numbers and dates',
  localeOption: '{name} ({code})',
  currency: 'Currency',
  sample: 'Example',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  saveFailed: 'Could not save the settings',
};
