export * from './types';
export * from './column-kind';
export * from './quote';
export * from './schema';
export * from './normalize';
export * from './compile';
export * from './dates';
export { parseFormula } from './expr/parser';
export * from './segments';
