// The workspace's display settings: how numbers and dates read (locale), the currency of amounts
// and the theme. Independent of the UI language; kept in the workspace.
import { useMemo, useState } from 'react';
import {
  CURRENCIES,
  NUMBER_LOCALES,
  THEMES,
  type Currency,
  type NumberLocale,
  type Theme,
  type WorkspaceSettings,
} from '../../../../shared/dashboard/types';
import type { QdError } from '../../../../shared/api';
import { useSettings } from '../../app/settings-context';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Modal } from '../../ui/Modal';
import './settings-dialog.css';

const SAMPLE_NUMBER = 1234567.891;
const SAMPLE_DATE = Date.UTC(2026, 2, 31);

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const { language } = useLanguage();
  const { settings, save } = useSettings();
  const [draft, setDraft] = useState<WorkspaceSettings>(settings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<QdError | null>(null);

  const names = useMemo(() => {
    const languages = new Intl.DisplayNames([language], { type: 'language' });
    const currencies = new Intl.DisplayNames([language], { type: 'currency' });
    return { locale: (l: NumberLocale) => languages.of(l) ?? l, currency: (c: Currency) => currencies.of(c) ?? c };
  }, [language]);

  const sample = useMemo(() => {
    const n = new Intl.NumberFormat(draft.locale, { maximumFractionDigits: 2 }).format(SAMPLE_NUMBER);
    const money = new Intl.NumberFormat(draft.locale, { style: 'currency', currency: draft.currency, currencyDisplay: 'narrowSymbol' }).format(SAMPLE_NUMBER);
    const date = new Intl.DateTimeFormat(draft.locale, { dateStyle: 'short', timeZone: 'UTC' }).format(SAMPLE_DATE);
    return { n, money, date };
  }, [draft.locale, draft.currency]);

  const submit = async () => {
    setBusy(true);
    const e = await save(draft);
    setBusy(false);
    if (e) setError(e);
    else onClose();
  };

  const themeLabel = (theme: Theme) => (theme === 'dark' ? t('settings.themeDark') : t('settings.themeLight'));

  return (
    <Modal label={t('settings.title')} onClose={onClose} className="settings-dialog" testId="settings-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 className="settings-title">{t('settings.title')}</h2>
        <p className="settings-intro">{t('settings.intro')}</p>
        <label className="field">
          <span className="field-label">{t('settings.locale')}</span>
          <select
            className="select"
            value={draft.locale}
            data-testid="settings-locale"
            onChange={(e) => setDraft({ ...draft, locale: e.target.value as NumberLocale })}
          >
            {NUMBER_LOCALES.map((l) => (
              <option key={l} value={l}>
                {t('settings.localeOption', { name: names.locale(l), code: l })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('settings.currency')}</span>
          <select
            className="select"
            value={draft.currency}
            data-testid="settings-currency"
            onChange={(e) => setDraft({ ...draft, currency: e.target.value as Currency })}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {t('settings.localeOption', { name: names.currency(c), code: c })}
              </option>
            ))}
          </select>
        </label>
        <div className="settings-sample" data-testid="settings-sample" aria-live="polite">
          <span className="field-label">{t('settings.sample')}</span>
          <span>{sample.n}</span>
          <span>{sample.money}</span>
          <span>{sample.date}</span>
        </div>
        <fieldset className="settings-theme">
          <legend className="field-label">{t('settings.theme')}</legend>
          {THEMES.map((theme) => (
            <label key={theme} className={`settings-theme-option ${draft.theme === theme ? 'is-chosen' : ''}`}>
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={draft.theme === theme}
                data-testid={`settings-theme-${theme}`}
                onChange={() => setDraft({ ...draft, theme })}
              />
              <span className={`settings-swatch settings-swatch-${theme}`} aria-hidden="true" />
              {themeLabel(theme)}
            </label>
          ))}
        </fieldset>
        {error && <ErrorPanel compact title={t('settings.saveFailed')} error={error} onDismiss={() => setError(null)} dismissLabel={t('common.close')} />}
        <div className="confirm-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="settings-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
