import type { Messages } from '../../catalog-types';

const warnings: Messages<'warnings'> = {
  hiddenSheet: '{file}, werkblad ‘{sheet}’ is verborgen in Excel; het is toch gelezen',
  emptySheet: '{file}, werkblad ‘{sheet}’ is leeg',
  mergedCells:
    '{file}, werkblad ‘{sheet}’: {count, plural, one {# samengevoegd bereik} other {# samengevoegde bereiken}} ({ranges}{more, plural, =0 {} other { en nog #}}); de waarde van elk bereik is naar al zijn cellen gekopieerd',
  excelErrors: '{count, plural, one {# cel} other {# cellen}} met een Excel-fout ({cells}{more, plural, =0 {} other { en nog #}})',
  uncachedFormulas:
    '{count, plural, one {# formulecel} other {# formulecellen}} zonder berekende waarde ({cells}{more, plural, =0 {} other { en nog #}}; open en bewaar het bestand in Excel om ze te berekenen)',
  twoParts: '{first} en {second}',
  errorCells: '{file}, werkblad ‘{sheet}’: {cells} gelezen als leeg',
  secondTable: 'een tweede tabel begint op regel {line}; alleen de eerste tabel is geïmporteerd',
  mixedLineEndings: 'het bestand mengt regeleinden (CRLF: {crlf}, LF: {lf}, losse CR: {cr}); ze zijn allemaal als één soort gelezen',
  renamedHeaders: '{count, plural, one {# kolom is hernoemd} other {# kolommen zijn hernoemd}} zodat elke kolom een eigen naam heeft: {names}',
  transcodedAsAsked: 'gelezen als {encoding} zoals gevraagd; omgezet naar UTF-8',
  transcodedBom: 'het bestand begint met een bytevolgordemarkering van {encoding}; omgezet naar UTF-8',
  transcodedNotUtf8: 'geen geldige UTF-8 (vanaf regel {line}); gelezen als {encoding} (Excel in West-Europa) en omgezet naar UTF-8',
  transcodedUtf16: 'om de andere byte een nulbyte: {encoding} zonder bytevolgordemarkering; omgezet naar UTF-8',
};

export default warnings;
