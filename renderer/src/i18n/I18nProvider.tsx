// The UI language for React: react-intl over the shared catalogs. The language follows the
// operating system (Electron) or the browser on first start, then the user's choice, kept in local
// storage; changing it re-renders at once, without restart.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import {
  isLanguage,
  messagesFor,
  pickLanguage,
  DEFAULT_LANGUAGE,
  type Language,
  type MessageKey,
  type TranslateFn,
} from '../../../shared/i18n';

const STORAGE_KEY = 'quarterdeck.language';

/** Tags a message may use, for <Message>: "<b>{name}</b> was added". */
const RICH_TEXT = { b: (chunks: ReactNode[]) => <strong>{chunks}</strong> };

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage refused (private mode): fall back to the system's languages.
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return pickLanguage(preferred);
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState>({ language: DEFAULT_LANGUAGE, setLanguage: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still applies to this session.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const state = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <LanguageContext.Provider value={state}>
      <IntlProvider locale={language} defaultLocale={DEFAULT_LANGUAGE} messages={messagesFor(language)} defaultRichTextElements={RICH_TEXT}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

export type TFunction = TranslateFn;

/** The translate function of the current language: t('dashboard.addWidget', { count: 3 }). */
export function useT(): TFunction {
  const intl = useIntl();
  return useCallback<TFunction>(
    (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | boolean | Date | null | undefined>),
    [intl],
  );
}

/**
 * A message with markup: <b>…</b> in the message becomes <strong>, and values may be elements.
 * For plain text use useT().
 */
export function Message({ id, values }: { id: MessageKey; values?: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)> }) {
  return <FormattedMessage id={id} values={values} />;
}
