// Role detection: why a column was proposed for a role (shared/model/detect.ts builds these reasons
// as RoleProposal.reasonText), shown as the tooltip of a role in the import dialog. {role} is shown
// by the role's name, {languages} by the languages' names; column names and values are the file's.
export default {
  presetColumn: 'column “{column}” is the {role} column of {preset} exports',
  ownName: 'header “{column}” is the name of the role {role}',
  synonym: 'header “{column}” means {role} in {languages}',
  looseSynonym: 'header “{column}” loosely means {role} in {languages}',
  genericName:
    'header “{column}” is a general name in {languages} ({generic, select, id {identifier} name {name} type {type} status {status} result {result} date {date} amount {amount} period {period} channel {channel} other {{generic}}})',
  containsWord: 'header “{column}” contains “{word}”',
  readAsInSource:
    '{reason}, read as {role} in {kind, select, deals {a deals source} accounts {an accounts source} activities {an activities source} costs {a costs source} leads {a leads source} targets {a targets source} reps {a sales reps source} products {a products source} other {this source}}',
  readAs: '{reason} ({role})',
  twoReasons: '{first}; {second}',
  outcomeValues: 'values {values} are deal outcomes (open / won / lost)',
  stagesAndOutcomes: 'values mix stages with outcomes ({values})',
  stageValues: 'values {values} are usual stage names',
  classValues:
    'values {values} look like {valueClass, select, lead_source {lead sources} segment {segments} account_type {account types} industry {industries} region {regions or countries} loss_reason {loss reasons} activity_type {activity types} outcome {activity outcomes} lead_status {lead statuses} other {{valueClass}}}',
  personNames: 'values {values} look like people’s names',
  identifiers: 'values are unique and look like identifiers ({values})',
  periodValues: 'values {values} are periods',
  namedCreation: 'date column “{column}” is named after creation',
  namedStart: 'date column “{column}” is named after a start',
  namedExpectedClose: 'date column “{column}” is named after an expected close',
  namedActualClose: 'date column “{column}” is named after an actual close',
  emptyOnOpenDeals: 'date column “{column}” is empty on {percent}% of rows (open deals): the actual close date',
  namesClose: 'date column “{column}” names a close date',
  filledOnEveryRow: 'date column “{column}” is filled on every row: the expected close date',
  datesActivity: 'date column “{column}” dates the activity',
  activityDateColumn: '“{column}” is a date column of an activities source',
  datesCostOrTarget: '“{column}” dates the {what, select, cost {cost} other {target}}',
  dateColumn: '“{column}” is a date column',
  probabilities:
    '{scale, select, fraction {fractions 0–1} other {numbers 0–100}} next to stage column “{stage}” look like probabilities',
  largestMoney: '“{column}” is the largest money-looking column (mean {mean, number})',
  statusFromStage: 'no status column: derived from stage “{column}”, whose stages {stages} close the deal',
  remembered: 'as used for earlier files of this shape',
  chosenByUser: 'chosen by you',
  languageEn: 'English',
  languageFr: 'French',
  languageNl: 'Dutch',
  languageDe: 'German',
};
