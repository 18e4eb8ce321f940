import type { Messages } from '../../catalog-types';

const progress: Messages<'progress'> = {
  importing: '{file} importeren',
  reading: '{file} lezen',
  converting: '{file} omzetten vanuit {encoding}',
  detectingTypes: 'Kolomtypen herkennen',
  writing: 'Tabel schrijven',
  checking: 'Elke waarde controleren',
  recognisingRoles: 'Kolommen herkennen',
  imported: 'Geïmporteerd',
};

export default progress;
