import type { Messages } from '../../catalog-types';

const progress: Messages<'progress'> = {
  importing: 'Import de {file}',
  reading: 'Lecture de {file}',
  converting: 'Conversion de {file} depuis {encoding}',
  detectingTypes: 'Détection des types de colonnes',
  writing: 'Écriture de la table',
  checking: 'Vérification de chaque valeur',
  recognisingRoles: 'Reconnaissance des colonnes',
  imported: 'Importé',
};

export default progress;
