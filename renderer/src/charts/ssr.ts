// Moved to shared/charts/ssr.ts (pure: the core's review export draws the same charts); re-exported
// here so that the UI's imports stay as they are.
export * from '../../../shared/charts/ssr';
