import type { Messages } from '../../catalog-types';

const progress: Messages<'progress'> = {
  importing: '{file} wird importiert',
  reading: '{file} wird gelesen',
  converting: '{file} wird aus {encoding} umgewandelt',
  detectingTypes: 'Spaltentypen werden erkannt',
  writing: 'Tabelle wird geschrieben',
  checking: 'Jeder Wert wird geprüft',
  recognisingRoles: 'Spalten werden zugeordnet',
  imported: 'Importiert',
};

export default progress;
