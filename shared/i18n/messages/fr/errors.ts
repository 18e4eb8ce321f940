import type { Messages } from '../../catalog-types';

const errors: Messages<'errors'> = {
  codeInvalidArgument: 'Requête invalide',
  codeSpecInvalid: 'L’analyse n’est pas valide',
  codeNotFound: 'Introuvable',
  codeImportFailed: 'L’import a échoué',
  codeQueryFailed: 'La requête a échoué',
  codeCancelled: 'Annulé',
  codeUnauthorized: 'Accès refusé',
  codeBusy: 'Une autre opération est en cours',
  codeInternal: 'Erreur inattendue',
  atLine: 'ligne {line}',
  atColumn: 'colonne {column}',
  atField: 'champ {field}',
  fileCannotOpen: '{file} : impossible d’ouvrir le fichier',
  fileEmpty: '{file} : le fichier est vide',
  noColumns: '{file} : aucune colonne trouvée (le fichier est-il vide ?)',
  unclosedQuote: '{file}, ligne {line} : une valeur entre guillemets n’est jamais refermée',
  raggedRow:
    '{file}, ligne {line} : {expected, plural, one {# champ attendu} other {# champs attendus}} comme dans l’en-tête, {found, plural, one {# trouvé} other {# trouvés}}',
  headerTooWide: '{file}, ligne {line} : l’en-tête a plus de champs que les {count} des données',
  recordTooShort: '{file}, ligne {line} : cet enregistrement n’a pas les {count} champs de l’en-tête',
  valueNotConvertible:
    '{file}, ligne {line}, colonne « {column} » : « {value} » n’est pas {kind, select, integer {un nombre entier} decimal {un nombre} percent {un pourcentage} date {une date} timestamp {une date et heure} boolean {une valeur oui/non} other {du type attendu}} ; {failed} valeurs sur {nonEmpty} de « {column} » seraient perdues{others, plural, =0 {} one { (et # autre colonne : {otherColumns})} other { (et # autres colonnes : {otherColumns})}}. Importez « {column} » en texte pour les garder, ou choisissez son type pour accepter des cellules vides.',
  snapshotExists: '« {source} » a déjà un instantané daté du {date} ; choisissez une autre date ou remplacez-le',
  xlsxEncrypted:
    '{file} est protégé par mot de passe : un classeur chiffré ne peut pas être lu. Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe) et enregistrez-le à nouveau.',
  xlsOld:
    '{file} n’est pas un classeur Excel .xlsx (il ressemble à un ancien classeur Excel 97-2003 .xls ; ouvrez-le dans Excel et enregistrez-le au format .xlsx)',
  importCancelled: 'import annulé ; l’espace de travail est inchangé',
};
export default errors;
