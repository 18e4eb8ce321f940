import type { Messages } from '../../catalog-types';

const detect: Messages<'detect'> = {
  presetColumn: 'la colonne « {column} » est la colonne {role} des exports {preset}',
  ownName: 'l’en-tête « {column} » est le nom du rôle {role}',
  synonym: 'l’en-tête « {column} » signifie {role} en {languages}',
  looseSynonym: 'l’en-tête « {column} » signifie à peu près {role} en {languages}',
  genericName:
    'l’en-tête « {column} » est un nom générique en {languages} ({generic, select, id {identifiant} name {nom} type {type} status {statut} result {résultat} date {date} amount {montant} period {période} channel {canal} other {{generic}}})',
  containsWord: 'l’en-tête « {column} » contient « {word} »',
  readAsInSource:
    '{reason}, lu comme {role} dans {kind, select, deals {une source d’affaires} accounts {une source de comptes} activities {une source d’activités} costs {une source de coûts} leads {une source de leads} targets {une source d’objectifs} reps {une source de commerciaux} products {une source de produits} other {cette source}}',
  readAs: '{reason} ({role})',
  twoReasons: '{first} ; {second}',
  outcomeValues: 'les valeurs {values} sont des issues d’affaires (en cours / gagnée / perdue)',
  stagesAndOutcomes: 'les valeurs mêlent étapes et issues ({values})',
  stageValues: 'les valeurs {values} sont des noms d’étapes courants',
  classValues:
    'les valeurs {values} ressemblent à des {valueClass, select, lead_source {origines de leads} segment {segments} account_type {types de comptes} industry {secteurs d’activité} region {régions ou pays} loss_reason {motifs de perte} activity_type {types d’activités} outcome {résultats d’activités} lead_status {statuts de leads} other {{valueClass}}}',
  personNames: 'les valeurs {values} ressemblent à des noms de personnes',
  identifiers: 'les valeurs sont uniques et ressemblent à des identifiants ({values})',
  periodValues: 'les valeurs {values} sont des périodes',
  namedCreation: 'le nom de la colonne de dates « {column} » évoque la création',
  namedStart: 'le nom de la colonne de dates « {column} » évoque un début',
  namedExpectedClose: 'le nom de la colonne de dates « {column} » évoque une clôture prévue',
  namedActualClose: 'le nom de la colonne de dates « {column} » évoque une clôture effective',
  emptyOnOpenDeals: 'la colonne de dates « {column} » est vide sur {percent} % des lignes (affaires en cours) : la date de clôture effective',
  namesClose: 'la colonne de dates « {column} » désigne une date de clôture',
  filledOnEveryRow: 'la colonne de dates « {column} » est remplie sur chaque ligne : la date de clôture prévue',
  datesActivity: 'la colonne de dates « {column} » date l’activité',
  activityDateColumn: '« {column} » est une colonne de dates d’une source d’activités',
  datesCostOrTarget: '« {column} » date {what, select, cost {le coût} other {l’objectif}}',
  dateColumn: '« {column} » est une colonne de dates',
  probabilities:
    'des {scale, select, fraction {fractions de 0 à 1} other {nombres de 0 à 100}} à côté de la colonne d’étapes « {stage} » ressemblent à des probabilités',
  largestMoney: '« {column} » est la plus grande colonne de montants (moyenne {mean, number})',
  statusFromStage: 'pas de colonne de statut : déduit de l’étape « {column} », dont les étapes {stages} clôturent l’affaire',
  remembered: 'comme pour les fichiers précédents de même forme',
  chosenByUser: 'choisi par vous',
  languageEn: 'anglais',
  languageFr: 'français',
  languageNl: 'néerlandais',
  languageDe: 'allemand',
};

export default detect;
