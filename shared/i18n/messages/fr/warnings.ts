import type { Messages } from '../../catalog-types';

const warnings: Messages<'warnings'> = {
  hiddenSheet: '{file}, feuille « {sheet} » : masquée dans Excel ; elle a tout de même été lue',
  emptySheet: '{file}, feuille « {sheet} » : vide',
  mergedCells:
    '{file}, feuille « {sheet} » : {count, plural, one {# plage fusionnée} other {# plages fusionnées}} ({ranges}{more, plural, =0 {} one { et # autre} other { et # autres}}) ; la valeur de chaque plage a été recopiée dans toutes ses cellules',
  excelErrors: '{count, plural, one {# cellule} other {# cellules}} avec une erreur Excel ({cells}{more, plural, =0 {} one { et # autre} other { et # autres}})',
  uncachedFormulas:
    '{count, plural, one {# cellule de formule} other {# cellules de formule}} sans valeur calculée ({cells}{more, plural, =0 {} one { et # autre} other { et # autres}} ; ouvrez et enregistrez le fichier dans Excel pour les calculer)',
  twoParts: '{first} et {second}',
  errorCells: '{file}, feuille « {sheet} » : valeurs lues comme vides pour {cells}',
  secondTable: 'un second tableau commence à la ligne {line} ; seul le premier a été importé',
  mixedLineEndings: 'le fichier mélange les fins de ligne (CRLF : {crlf}, LF : {lf}, CR seul : {cr}) ; elles ont toutes été lues de la même façon',
  renamedHeaders: '{count, plural, one {# colonne a été renommée} other {# colonnes ont été renommées}} pour que chacune ait son propre nom : {names}',
  transcodedAsAsked: 'lu en {encoding} comme demandé ; converti en UTF-8',
  transcodedBom: 'le fichier commence par une marque d’ordre des octets {encoding} ; converti en UTF-8',
  transcodedNotUtf8: 'pas de l’UTF-8 valide (à partir de la ligne {line}) ; lu en {encoding} (Excel en Europe de l’Ouest) et converti en UTF-8',
  transcodedUtf16: 'un octet nul sur deux : {encoding} sans marque d’ordre des octets ; converti en UTF-8',
};

export default warnings;
