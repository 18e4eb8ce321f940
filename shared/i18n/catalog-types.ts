// Types of the message catalogs, derived from the English (reference) catalog: a namespace of any
// other language typed Messages<'ns'> must have exactly the English keys (missing or extra keys are
// type errors), and MessageKey is the union of every "namespace.key" code may ask for.
import type en from './messages/en/index';

export type Catalog = typeof en;
export type Namespace = keyof Catalog;
export type Messages<N extends Namespace> = Record<keyof Catalog[N], string>;
export type MessageKey = { [N in Namespace]: `${N & string}.${keyof Catalog[N] & string}` }[Namespace];
/** Values interpolated into ICU messages ({name}, {count, plural, ...}, {when, date}). */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
/** A translate function, as the renderer's useT() and createTranslator().t give it. */
export type TranslateFn = (key: MessageKey, values?: MessageValues) => string;
