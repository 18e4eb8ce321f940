// The shared UI parts (renderer/src/ui): error panel, type badges.
export default {
  dismiss: 'Dismiss',
  location: 'Location',
  technicalDetails: 'Technical details',
  englishMessage: 'The message of the engine, in English',
  kindNumber: 'number',
  kindDate: 'date',
  kindTimestamp: 'datetime',
  kindText: 'text',
  kindBoolean: 'yes/no',
  kindOther: 'other',
};
