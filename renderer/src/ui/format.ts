// Moved to shared/format/format.ts (pure: the core's review export formats the same way); re-exported
// here so that the UI's imports stay as they are.
export * from '../../../shared/format/format';
