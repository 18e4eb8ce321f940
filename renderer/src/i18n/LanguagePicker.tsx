import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../../../shared/i18n';
import { useLanguage, useT } from './I18nProvider';

/** The UI language, changed at once. Each language is named in itself. */
export function LanguagePicker() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('common.language')}</span>
      <select
        value={language}
        data-testid="language-picker"
        aria-label={t('common.language')}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
