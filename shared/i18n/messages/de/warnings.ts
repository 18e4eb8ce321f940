import type { Messages } from '../../catalog-types';

const warnings: Messages<'warnings'> = {
  hiddenSheet: '{file}, Blatt „{sheet}“ ist in Excel ausgeblendet; es wurde trotzdem gelesen',
  emptySheet: '{file}, Blatt „{sheet}“ ist leer',
  mergedCells:
    '{file}, Blatt „{sheet}“: {count, plural, one {# verbundener Bereich} other {# verbundene Bereiche}} ({ranges}{more, plural, =0 {} other { und # weitere}}); der Wert jedes Bereichs wurde in alle seine Zellen kopiert',
  excelErrors: '{count, plural, one {# Zelle} other {# Zellen}} mit einem Excel-Fehler ({cells}{more, plural, =0 {} other { und # weitere}})',
  uncachedFormulas:
    '{count, plural, one {# Formelzelle} other {# Formelzellen}} ohne berechneten Wert ({cells}{more, plural, =0 {} other { und # weitere}}; öffnen und speichern Sie die Datei in Excel, um sie zu berechnen)',
  twoParts: '{first} und {second}',
  errorCells: '{file}, Blatt „{sheet}“: {cells} als leer gelesen',
  secondTable: 'ab Zeile {line} beginnt eine zweite Tabelle; nur die erste Tabelle wurde importiert',
  mixedLineEndings: 'die Datei mischt Zeilenenden (CRLF: {crlf}, LF: {lf}, einzelnes CR: {cr}); alle wurden als eine Art gelesen',
  renamedHeaders: '{count, plural, one {# Spalte wurde umbenannt} other {# Spalten wurden umbenannt}}, damit jede einen eigenen Namen hat: {names}',
  transcodedAsAsked: 'wie gewünscht als {encoding} gelesen; in UTF-8 umgewandelt',
  transcodedBom: 'die Datei beginnt mit einer {encoding}-Bytereihenfolgemarke; in UTF-8 umgewandelt',
  transcodedNotUtf8: 'kein gültiges UTF-8 (ab Zeile {line}); als {encoding} gelesen (Excel in Westeuropa) und in UTF-8 umgewandelt',
  transcodedUtf16: 'jedes zweite Byte ist null: {encoding} ohne Bytereihenfolgemarke; in UTF-8 umgewandelt',
};

export default warnings;
