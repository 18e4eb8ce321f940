import type { Messages } from '../../catalog-types';

const pivot: Messages<'pivot'> = {
  tableLabel: 'Pivot-Tabelle',
  flatTableLabel: 'Ergebnistabelle',
  keyboardHelp:
    'Mit den Pfeiltasten von Zahl zu Zahl; Eingabe listet die Zeilen hinter einer Zahl; Leertaste wählt sie aus; Links und Rechts klappen eine Gruppe ein oder aus.',
  grandTotal: 'Gesamtergebnis',
  total: 'Gesamt',
  groupTotal: '{value} Ergebnis',
  changePct: 'Veränderung %',
  empty: '(leer)',
  yes: 'Ja',
  no: 'Nein',
  expand: '{label} ausklappen',
  collapse: '{label} einklappen',
  expandAll: 'Alle ausklappen',
  collapseAll: 'Alle einklappen',
  sortBy: 'Nach {column} sortieren',
  up: 'gestiegen',
  down: 'gesunken',
  flat: 'unverändert',
  changeTitle: 'Vorperiode: {previous} · Veränderung: {change}',
  noData: 'Keine Zahlen für diese Auswahl.',
};
export default pivot;
