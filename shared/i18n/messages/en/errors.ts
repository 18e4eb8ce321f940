// Errors: a title per error code (shared/result.ts), where an error happened, and the engine's most
// frequent located import errors (QdError.messageKey, set in electron/core/import/errors.ts). The
// English messages here say what the engine's English messages say.
export default {
  codeInvalidArgument: 'Invalid request',
  codeSpecInvalid: 'The analysis is not valid',
  codeNotFound: 'Not found',
  codeImportFailed: 'The import failed',
  codeQueryFailed: 'The query failed',
  codeCancelled: 'Cancelled',
  codeUnauthorized: 'Access refused',
  codeBusy: 'Busy with another operation',
  codeInternal: 'Unexpected error',
  atLine: 'line {line}',
  atColumn: 'column {column}',
  atField: 'field {field}',
  fileCannotOpen: '{file}: the file cannot be opened',
  fileEmpty: '{file}: the file is empty',
  noColumns: '{file}: no columns found (is the file empty?)',
  unclosedQuote: '{file}, line {line}: a quoted value is never closed',
  raggedRow: '{file}, line {line}: expected {expected, plural, one {# field} other {# fields}} as in the header, found {found}',
  headerTooWide: '{file}, line {line}: the header has more fields than the {count} of the data',
  recordTooShort: '{file}, line {line}: this record does not have the {count} fields of the header',
  valueNotConvertible:
    '{file}, line {line}, column “{column}”: “{value}” is not {kind, select, integer {a whole number} decimal {a number} percent {a percentage} date {a date} timestamp {a date and time} boolean {a yes/no value} other {of the expected type}}; {failed} of {nonEmpty} values of “{column}” would be lost{others, plural, =0 {} one { (and # more column: {otherColumns})} other { (and # more columns: {otherColumns})}}. Import “{column}” as text to keep them, or choose its type to accept empty cells.',
  snapshotExists: '“{source}” already has a snapshot dated {date}; choose another date or replace it',
  xlsxEncrypted:
    '{file} is password-protected: an encrypted workbook cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again.',
  xlsOld: '{file} is not an Excel .xlsx workbook (it looks like an old Excel 97-2003 .xls workbook; open it in Excel and save it as .xlsx)',
  importCancelled: 'import cancelled; the workspace is unchanged',
};
