// Moved to shared/charts/result-model.ts (pure: the core's review export draws the same charts); re-exported
// here so that the UI's imports stay as they are.
export * from '../../../shared/charts/result-model';
