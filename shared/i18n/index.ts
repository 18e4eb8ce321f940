// The language layer shared by every host: the catalogs of every language, flattened to
// "namespace.key" ICU messages, and a translator for code outside React (CLI, exported reviews).
// The renderer uses the same flattened catalogs through react-intl (renderer/src/i18n).
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageKey, MessageValues } from './catalog-types';
import de from './messages/de/index';
import en from './messages/en/index';
import fr from './messages/fr/index';
import nl from './messages/nl/index';
import { DEFAULT_LANGUAGE, type Language } from './languages';

export * from './languages';
export * from './labels';
export type { Catalog, MessageKey, MessageValues, Messages, Namespace, TranslateFn } from './catalog-types';

type NestedCatalog = Record<string, Record<string, string>>;

const CATALOGS: Record<Language, NestedCatalog> = { en, fr, nl, de };

/** "namespace.key" -> ICU message. */
export function flattenCatalog(catalog: NestedCatalog): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [ns, messages] of Object.entries(catalog)) {
    for (const [key, message] of Object.entries(messages)) flat[`${ns}.${key}`] = message;
  }
  return flat;
}

const flatCache = new Map<Language, Record<string, string>>();

/** The flattened messages of a language. */
export function messagesFor(language: Language): Record<string, string> {
  let flat = flatCache.get(language);
  if (!flat) {
    flat = flattenCatalog(CATALOGS[language]);
    flatCache.set(language, flat);
  }
  return flat;
}

export interface Translator {
  language: Language;
  t(key: MessageKey, values?: MessageValues): string;
  intl: IntlShape<string>;
}

const cache = createIntlCache();

/** A translator for one language; a missing message is an error (the catalogs are checked complete). */
export function createTranslator(language: Language = DEFAULT_LANGUAGE): Translator {
  const intl = createIntl(
    {
      locale: language,
      defaultLocale: DEFAULT_LANGUAGE,
      messages: messagesFor(language),
      onError: (error) => {
        throw error;
      },
    },
    cache,
  );
  return {
    language,
    intl,
    t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | boolean | Date | null | undefined>),
  };
}
