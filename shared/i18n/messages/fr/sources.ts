import type { Messages } from '../../catalog-types';

const sources: Messages<'sources'> = {
  importButton: 'Importer un fichier…',
  importButtonTitle: 'Exports CSV, TSV, TXT ou Excel (.xlsx)',
  empty: 'Aucune source pour l’instant. Importez un export de votre CRM (CSV ou Excel) pour commencer.',
  listLabel: 'Sources',
  snapshots: '{count, plural, one {# instantané} other {# instantanés}}',
  rowsInLatest: 'Lignes du dernier instantané',
  tabData: 'Données',
  tabProfile: 'Profil',
  tabChart: 'Graphique',
  removeSource: 'Supprimer la source…',
  importedFrom: 'Importé depuis',
  importedAt: 'Importé le {when}',
  snapshotOf: 'Instantané du {date}',
  snapshotMenuTitle: 'Les exports datés de cette source',
  snapshotsOf: 'Instantanés de {name}',
  snapshotListTitle: '{count, plural, one {# instantané} other {# instantanés}}, du plus récent au plus ancien',
  snapshotFrom: 'Depuis {file}, importé le {when}',
  latestShown: 'le plus récent, affiché',
  removeLabel: 'Supprimer {name}',
  removeTitle: 'Supprimer « {name} » ?',
  removeManySnapshots:
    'Ses {count} instantanés ({rows, plural, one {# ligne} other {# lignes}} dans le plus récent) sont supprimés de cet espace de travail. Les analyses construites dessus n’auront plus rien à montrer. Les fichiers que vous avez importés ne sont pas touchés.',
  removeOneSnapshot:
    'Ses {rows, plural, one {# ligne est supprimée} other {# lignes sont supprimées}} de cet espace de travail. Les analyses construites dessus n’auront plus rien à montrer. Les fichiers que vous avez importés ne sont pas touchés.',
  removeFailed: 'Impossible de supprimer la source',
  keepIt: 'La garder',
  removing: 'Suppression…',
  removeConfirm: 'Supprimer la source',
};
export default sources;
