import type { Messages } from '../../catalog-types';

const detect: Messages<'detect'> = {
  presetColumn: 'kolom ‘{column}’ is de kolom {role} van exports uit {preset}',
  ownName: 'kop ‘{column}’ is de naam van de rol {role}',
  synonym: 'kop ‘{column}’ betekent {role} in het {languages}',
  looseSynonym: 'kop ‘{column}’ betekent ongeveer {role} in het {languages}',
  genericName:
    'kop ‘{column}’ is een algemene naam in het {languages} ({generic, select, id {id} name {naam} type {type} status {status} result {resultaat} date {datum} amount {bedrag} period {periode} channel {kanaal} other {{generic}}})',
  containsWord: 'kop ‘{column}’ bevat ‘{word}’',
  readAsInSource:
    '{reason}, gelezen als {role} in {kind, select, deals {een bron met deals} accounts {een bron met accounts} activities {een bron met activiteiten} costs {een bron met kosten} leads {een bron met leads} targets {een bron met doelen} reps {een bron met verkopers} products {een bron met producten} other {deze bron}}',
  readAs: '{reason} ({role})',
  twoReasons: '{first}; {second}',
  outcomeValues: 'waarden {values} zijn uitkomsten van deals (open / gewonnen / verloren)',
  stagesAndOutcomes: 'waarden mengen fasen en uitkomsten ({values})',
  stageValues: 'waarden {values} zijn gangbare fasenamen',
  classValues:
    'waarden {values} lijken op {valueClass, select, lead_source {leadbronnen} segment {segmenten} account_type {accounttypen} industry {branches} region {regio’s of landen} loss_reason {verliesredenen} activity_type {activiteitstypen} outcome {uitkomsten van activiteiten} lead_status {leadstatussen} other {{valueClass}}}',
  personNames: 'waarden {values} lijken op namen van personen',
  identifiers: 'waarden zijn uniek en lijken op id’s ({values})',
  periodValues: 'waarden {values} zijn perioden',
  namedCreation: 'de naam van datumkolom ‘{column}’ verwijst naar het aanmaken',
  namedStart: 'de naam van datumkolom ‘{column}’ verwijst naar een begin',
  namedExpectedClose: 'de naam van datumkolom ‘{column}’ verwijst naar een verwachte sluiting',
  namedActualClose: 'de naam van datumkolom ‘{column}’ verwijst naar een werkelijke sluiting',
  emptyOnOpenDeals: 'datumkolom ‘{column}’ is leeg op {percent}% van de rijen (open deals): de werkelijke sluitingsdatum',
  namesClose: 'datumkolom ‘{column}’ noemt een sluitingsdatum',
  filledOnEveryRow: 'datumkolom ‘{column}’ is op elke rij ingevuld: de verwachte sluitingsdatum',
  datesActivity: 'datumkolom ‘{column}’ dateert de activiteit',
  activityDateColumn: '‘{column}’ is een datumkolom van een bron met activiteiten',
  datesCostOrTarget: '‘{column}’ dateert {what, select, cost {de kosten} other {het doel}}',
  dateColumn: '‘{column}’ is een datumkolom',
  probabilities:
    '{scale, select, fraction {breuken 0–1} other {getallen 0–100}} naast fasekolom ‘{stage}’ lijken op kansen',
  largestMoney: '‘{column}’ is de grootste kolom met bedragen (gemiddeld {mean, number})',
  statusFromStage: 'geen statuskolom: afgeleid uit fase ‘{column}’, waarvan de fasen {stages} de deal sluiten',
  remembered: 'zoals bij eerdere bestanden met deze vorm',
  chosenByUser: 'door u gekozen',
  languageEn: 'Engels',
  languageFr: 'Frans',
  languageNl: 'Nederlands',
  languageDe: 'Duits',
};

export default detect;
