import type { Messages } from '../../catalog-types';

const errors: Messages<'errors'> = {
  codeInvalidArgument: 'Ongeldige aanvraag',
  codeSpecInvalid: 'De analyse is niet geldig',
  codeNotFound: 'Niet gevonden',
  codeImportFailed: 'Het importeren is mislukt',
  codeQueryFailed: 'De query is mislukt',
  codeCancelled: 'Geannuleerd',
  codeUnauthorized: 'Toegang geweigerd',
  codeBusy: 'Bezig met een andere bewerking',
  codeInternal: 'Onverwachte fout',
  atLine: 'regel {line}',
  atColumn: 'kolom {column}',
  atField: 'veld {field}',
  fileCannotOpen: '{file}: het bestand kan niet worden geopend',
  fileEmpty: '{file}: het bestand is leeg',
  noColumns: '{file}: geen kolommen gevonden (is het bestand leeg?)',
  unclosedQuote: '{file}, regel {line}: een waarde tussen aanhalingstekens wordt nooit afgesloten',
  raggedRow:
    '{file}, regel {line}: {expected, plural, one {# veld} other {# velden}} verwacht zoals in de kopregel, {found} gevonden',
  headerTooWide: '{file}, regel {line}: de kopregel heeft meer velden dan de {count} van de gegevens',
  recordTooShort: '{file}, regel {line}: deze record heeft niet de {count} velden van de kopregel',
  valueNotConvertible:
    '{file}, regel {line}, kolom ‘{column}’: ‘{value}’ is {kind, select, integer {geen geheel getal} decimal {geen getal} percent {geen percentage} date {geen datum} timestamp {geen datum en tijd} boolean {geen ja/nee-waarde} other {niet van het verwachte type}}; {failed} van de {nonEmpty} waarden van ‘{column}’ zouden verloren gaan{others, plural, =0 {} one { (en nog # kolom: {otherColumns})} other { (en nog # kolommen: {otherColumns})}}. Importeer ‘{column}’ als tekst om ze te behouden, of kies het type om lege cellen te accepteren.',
  snapshotExists: '‘{source}’ heeft al een momentopname van {date}; kies een andere datum of vervang deze',
  xlsxEncrypted:
    '{file} is met een wachtwoord beveiligd: een versleutelde werkmap kan niet worden gelezen. Open het in Excel, verwijder het wachtwoord (Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord) en sla het opnieuw op.',
  xlsOld:
    '{file} is geen Excel-werkmap (.xlsx) (het lijkt een oude Excel 97-2003-werkmap (.xls); open het in Excel en sla het op als .xlsx)',
  importCancelled: 'importeren geannuleerd; de werkruimte is ongewijzigd',
};
export default errors;
