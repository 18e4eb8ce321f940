import type { Messages } from '../../catalog-types';

const detect: Messages<'detect'> = {
  presetColumn: 'Spalte „{column}“ ist die Spalte {role} der Exporte aus {preset}',
  ownName: 'Spaltenkopf „{column}“ ist der Name der Rolle {role}',
  synonym: 'Spaltenkopf „{column}“ bedeutet {role} auf {languages}',
  looseSynonym: 'Spaltenkopf „{column}“ bedeutet ungefähr {role} auf {languages}',
  genericName:
    'Spaltenkopf „{column}“ ist ein allgemeiner Name auf {languages} ({generic, select, id {Kennung} name {Name} type {Typ} status {Status} result {Ergebnis} date {Datum} amount {Betrag} period {Zeitraum} channel {Kanal} other {{generic}}})',
  containsWord: 'Spaltenkopf „{column}“ enthält „{word}“',
  readAsInSource:
    '{reason}, gelesen als {role} in {kind, select, deals {einer Quelle mit Deals} accounts {einer Quelle mit Kunden} activities {einer Quelle mit Aktivitäten} costs {einer Quelle mit Kosten} leads {einer Quelle mit Leads} targets {einer Quelle mit Zielen} reps {einer Quelle mit Vertriebsmitarbeitern} products {einer Quelle mit Produkten} other {dieser Quelle}}',
  readAs: '{reason} ({role})',
  twoReasons: '{first}; {second}',
  outcomeValues: 'Werte {values} sind Deal-Ergebnisse (offen / gewonnen / verloren)',
  stagesAndOutcomes: 'Werte mischen Phasen und Ergebnisse ({values})',
  stageValues: 'Werte {values} sind übliche Phasennamen',
  classValues:
    'Werte {values} sehen aus wie {valueClass, select, lead_source {Lead-Quellen} segment {Segmente} account_type {Kundentypen} industry {Branchen} region {Regionen oder Länder} loss_reason {Verlustgründe} activity_type {Aktivitätstypen} outcome {Aktivitätsergebnisse} lead_status {Lead-Status} other {{valueClass}}}',
  personNames: 'Werte {values} sehen aus wie Personennamen',
  identifiers: 'Werte sind eindeutig und sehen aus wie Kennungen ({values})',
  periodValues: 'Werte {values} sind Zeiträume',
  namedCreation: 'der Name der Datumsspalte „{column}“ deutet auf die Erstellung',
  namedStart: 'der Name der Datumsspalte „{column}“ deutet auf einen Beginn',
  namedExpectedClose: 'der Name der Datumsspalte „{column}“ deutet auf einen erwarteten Abschluss',
  namedActualClose: 'der Name der Datumsspalte „{column}“ deutet auf einen tatsächlichen Abschluss',
  emptyOnOpenDeals: 'Datumsspalte „{column}“ ist in {percent} % der Zeilen leer (offene Deals): das tatsächliche Abschlussdatum',
  namesClose: 'Datumsspalte „{column}“ nennt ein Abschlussdatum',
  filledOnEveryRow: 'Datumsspalte „{column}“ ist in jeder Zeile gefüllt: das erwartete Abschlussdatum',
  datesActivity: 'Datumsspalte „{column}“ datiert die Aktivität',
  activityDateColumn: '„{column}“ ist eine Datumsspalte einer Quelle mit Aktivitäten',
  datesCostOrTarget: '„{column}“ datiert {what, select, cost {die Kosten} other {das Ziel}}',
  dateColumn: '„{column}“ ist eine Datumsspalte',
  probabilities:
    '{scale, select, fraction {Brüche 0–1} other {Zahlen 0–100}} neben der Phasenspalte „{stage}“ sehen aus wie Wahrscheinlichkeiten',
  largestMoney: '„{column}“ ist die größte Spalte mit Beträgen (Mittel {mean, number})',
  statusFromStage: 'keine Statusspalte: abgeleitet aus der Phase „{column}“, deren Phasen {stages} den Deal abschließen',
  remembered: 'wie bei früheren Dateien dieser Form',
  chosenByUser: 'von Ihnen gewählt',
  languageEn: 'Englisch',
  languageFr: 'Französisch',
  languageNl: 'Niederländisch',
  languageDe: 'Deutsch',
};

export default detect;
