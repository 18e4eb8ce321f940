import type { Messages } from '../../catalog-types';

const errors: Messages<'errors'> = {
  codeInvalidArgument: 'Ungültige Anfrage',
  codeSpecInvalid: 'Die Analyse ist nicht gültig',
  codeNotFound: 'Nicht gefunden',
  codeImportFailed: 'Der Import ist fehlgeschlagen',
  codeQueryFailed: 'Die Abfrage ist fehlgeschlagen',
  codeCancelled: 'Abgebrochen',
  codeUnauthorized: 'Zugriff verweigert',
  codeBusy: 'Mit einem anderen Vorgang beschäftigt',
  codeInternal: 'Unerwarteter Fehler',
  atLine: 'Zeile {line}',
  atColumn: 'Spalte {column}',
  atField: 'Feld {field}',
  fileCannotOpen: '{file}: Die Datei kann nicht geöffnet werden',
  fileEmpty: '{file}: Die Datei ist leer',
  noColumns: '{file}: Keine Spalten gefunden (ist die Datei leer?)',
  unclosedQuote: '{file}, Zeile {line}: Ein Wert in Anführungszeichen wird nie geschlossen',
  raggedRow:
    '{file}, Zeile {line}: {expected, plural, one {# Feld} other {# Felder}} wie in der Kopfzeile erwartet, {found} gefunden',
  headerTooWide: '{file}, Zeile {line}: Die Kopfzeile hat mehr Felder als die {count} der Daten',
  recordTooShort: '{file}, Zeile {line}: Dieser Datensatz hat nicht die {count} Felder der Kopfzeile',
  valueNotConvertible:
    '{file}, Zeile {line}, Spalte „{column}“: „{value}“ ist {kind, select, integer {keine ganze Zahl} decimal {keine Zahl} percent {kein Prozentwert} date {kein Datum} timestamp {kein Zeitstempel} boolean {kein Ja/Nein-Wert} other {nicht vom erwarteten Typ}}; {failed} von {nonEmpty} Werten von „{column}“ gingen verloren{others, plural, =0 {} one { (und # weitere Spalte: {otherColumns})} other { (und # weitere Spalten: {otherColumns})}}. Importieren Sie „{column}“ als Text, um sie zu behalten, oder wählen Sie ihren Typ, um leere Zellen zu akzeptieren.',
  snapshotExists: '„{source}“ hat bereits einen Snapshot vom {date}; wählen Sie ein anderes Datum oder ersetzen Sie ihn',
  xlsxEncrypted:
    '{file} ist kennwortgeschützt: Eine verschlüsselte Arbeitsmappe kann nicht gelesen werden. Öffnen Sie sie in Excel, entfernen Sie das Kennwort (Datei > Informationen > Arbeitsmappe schützen > Mit Kennwort verschlüsseln) und speichern Sie sie erneut.',
  xlsOld:
    '{file} ist keine Excel-Arbeitsmappe (.xlsx) (sie sieht wie eine alte Excel-97-2003-Arbeitsmappe (.xls) aus; öffnen Sie sie in Excel und speichern Sie sie als .xlsx)',
  importCancelled: 'Import abgebrochen; der Arbeitsbereich ist unverändert',
};
export default errors;
