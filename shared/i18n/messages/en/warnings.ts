// Import warnings: what the engine says about a file it read (ImportWarning.messageKey, set in
// electron/core/import), shown under each warning's title in the import dialog.
export default {
  hiddenSheet: '{file}, sheet “{sheet}” is hidden in Excel; it was read all the same',
  emptySheet: '{file}, sheet “{sheet}” is empty',
  mergedCells:
    '{file}, sheet “{sheet}”: {count, plural, one {# merged range} other {# merged ranges}} ({ranges}{more, plural, =0 {} other { and # more}}); each range’s value was copied into all of its cells',
  excelErrors: '{count, plural, one {# cell} other {# cells}} with an Excel error ({cells}{more, plural, =0 {} other { and # more}})',
  uncachedFormulas:
    '{count, plural, one {# formula cell} other {# formula cells}} without a calculated value ({cells}{more, plural, =0 {} other { and # more}}; open and save the file in Excel to calculate them)',
  twoParts: '{first} and {second}',
  errorCells: '{file}, sheet “{sheet}”: {cells} read as empty',
  secondTable: 'a second table starts at line {line}; only the first table was imported',
  mixedLineEndings: 'the file mixes line endings (CRLF: {crlf}, LF: {lf}, CR alone: {cr}); they were all read as one kind',
  renamedHeaders: '{count, plural, one {# column was renamed} other {# columns were renamed}} so that each has a name of its own: {names}',
  transcodedAsAsked: 'read as {encoding} as asked; converted to UTF-8',
  transcodedBom: 'the file starts with a {encoding} byte-order mark; converted to UTF-8',
  transcodedNotUtf8: 'not valid UTF-8 (from line {line}); read as {encoding} (Excel in Western Europe) and converted to UTF-8',
  transcodedUtf16: 'zero bytes in every other position: {encoding} without a byte-order mark; converted to UTF-8',
};
