import type { Messages } from '../../catalog-types';

const settings: Messages<'settings'> = {
  title: 'Paramètres d’affichage',
  intro: 'Comment se lisent les nombres, les montants et les dates de cet espace de travail, quelle que soit la langue des menus.',
  locale: 'Nombres et dates',
  localeOption: '{name} ({code})',
  currency: 'Devise',
  sample: 'Exemple',
  theme: 'Thème',
  themeLight: 'Clair',
  themeDark: 'Sombre',
  saveFailed: 'Impossible d’enregistrer les paramètres',
};
export default settings;
