import type { Messages } from '../../catalog-types';

const sources: Messages<'sources'> = {
  importButton: 'Datei importieren…',
  importButtonTitle: 'Exporte als CSV, TSV, TXT oder Excel (.xlsx)',
  empty: 'Noch keine Quellen. Importieren Sie einen Export aus Ihrem CRM (CSV oder Excel), um zu beginnen.',
  listLabel: 'Quellen',
  snapshots: '{count, plural, one {# Snapshot} other {# Snapshots}}',
  rowsInLatest: 'Zeilen im neuesten Snapshot',
  tabData: 'Daten',
  tabProfile: 'Profil',
  tabChart: 'Diagramm',
  removeSource: 'Quelle entfernen…',
  importedFrom: 'Importiert aus',
  importedAt: 'Importiert am {when}',
  snapshotOf: 'Snapshot vom {date}',
  snapshotMenuTitle: 'Die datierten Exporte dieser Quelle',
  snapshotsOf: 'Snapshots von {name}',
  snapshotListTitle: '{count, plural, one {# Snapshot} other {# Snapshots}}, neueste zuerst',
  snapshotFrom: 'Aus {file}, importiert am {when}',
  latestShown: 'neuester, angezeigt',
  removeLabel: '{name} entfernen',
  removeTitle: '„{name}“ entfernen?',
  removeManySnapshots:
    'Die {count} Snapshots der Quelle ({rows, plural, one {# Zeile} other {# Zeilen}} im neuesten) werden aus diesem Arbeitsbereich gelöscht. Darauf aufbauende Analysen haben dann nichts mehr anzuzeigen. Die importierten Dateien bleiben unberührt.',
  removeOneSnapshot:
    'Die {rows, plural, one {# Zeile der Quelle wird} other {# Zeilen der Quelle werden}} aus diesem Arbeitsbereich gelöscht. Darauf aufbauende Analysen haben dann nichts mehr anzuzeigen. Die importierten Dateien bleiben unberührt.',
  removeFailed: 'Die Quelle konnte nicht entfernt werden',
  keepIt: 'Behalten',
  removing: 'Wird entfernt…',
  removeConfirm: 'Quelle entfernen',
};
export default sources;
