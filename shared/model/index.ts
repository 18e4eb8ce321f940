// The sales model: canonical roles, their detection, stage inference.
export * from './roles';
export * from './stages';
export { outcomeOf, stageRank, stageNumber, valueIn, looksLikePersonName, type Outcome, type ValueClass } from './vocabulary';
export { normaliseHeader, normaliseText, hash64 } from './text';
