import type { Messages } from '../../catalog-types';

const sources: Messages<'sources'> = {
  importButton: 'Bestand importeren…',
  importButtonTitle: 'Exports in CSV, TSV, TXT of Excel (.xlsx)',
  empty: 'Nog geen bronnen. Importeer een export uit uw CRM (CSV of Excel) om te beginnen.',
  listLabel: 'Bronnen',
  snapshots: '{count, plural, one {# momentopname} other {# momentopnamen}}',
  rowsInLatest: 'Rijen in de laatste momentopname',
  tabData: 'Gegevens',
  tabProfile: 'Profiel',
  tabChart: 'Grafiek',
  removeSource: 'Bron verwijderen…',
  importedFrom: 'Geïmporteerd uit',
  importedAt: 'Geïmporteerd op {when}',
  snapshotOf: 'Momentopname van {date}',
  snapshotMenuTitle: 'De gedateerde exports van deze bron',
  snapshotsOf: 'Momentopnamen van {name}',
  snapshotListTitle: '{count, plural, one {# momentopname} other {# momentopnamen}}, nieuwste eerst',
  snapshotFrom: 'Uit {file}, geïmporteerd op {when}',
  latestShown: 'nieuwste, getoond',
  removeLabel: '{name} verwijderen',
  removeTitle: '‘{name}’ verwijderen?',
  removeManySnapshots:
    'De {count} momentopnamen ({rows, plural, one {# rij} other {# rijen}} in de nieuwste) worden uit deze werkruimte verwijderd. Analyses die erop gebouwd zijn, hebben dan niets meer te tonen. De bestanden die u importeerde, blijven onaangeroerd.',
  removeOneSnapshot:
    'De {rows, plural, one {# rij wordt} other {# rijen worden}} uit deze werkruimte verwijderd. Analyses die erop gebouwd zijn, hebben dan niets meer te tonen. De bestanden die u importeerde, blijven onaangeroerd.',
  removeFailed: 'De bron kon niet worden verwijderd',
  keepIt: 'Behouden',
  removing: 'Verwijderen…',
  removeConfirm: 'Bron verwijderen',
};
export default sources;
