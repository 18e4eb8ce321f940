// Progress: the steps of a long operation as the engine reports them (Progress.messageKey, set in
// electron/core/import and electron/core/operations.ts), shown under the import's progress bar.
export default {
  importing: 'Importing {file}',
  reading: 'Reading {file}',
  converting: 'Converting {file} from {encoding}',
  detectingTypes: 'Detecting column types',
  writing: 'Writing the table',
  checking: 'Checking every value',
  recognisingRoles: 'Recognising columns',
  imported: 'Imported',
};
