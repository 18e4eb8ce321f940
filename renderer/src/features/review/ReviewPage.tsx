// One review: the figures frozen for its period beside the previous review's, the manager's notes
// and corrective actions (saved as they are typed, while the review is a draft), the actions carried
// over from last month, freezing for good, and the exported pack (one HTML file, or a PDF; in any
// UI language; anonymised for a workshop).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QdError } from '../../../../shared/api';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../shared/i18n';
import type { Review, ReviewAction, ReviewWithPrevious } from '../../../../shared/review/types';
import { valueFormatter } from '../../../../shared/review/values';
import { describePeriod } from '../../../../shared/template/period';
import { useBackend } from '../../app/backend-context';
import { useSettings } from '../../app/settings-context';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { saveFile } from '../templates/template-text';
import { ReviewTile, ReviewWidget, WidgetNotes } from './ReviewWidget';
import './review.css';

export interface ReviewPageProps {
  id: string;
  /** The review changed (notes, actions, frozen): the list shows it. */
  onChanged(): void;
  onRemoved(): void;
}

type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

export function ReviewPage({ id, onChanged, onRemoved }: ReviewPageProps) {
  const t = useT();
  const { language } = useLanguage();
  const { api } = useBackend();
  const { settings } = useSettings();
  const [data, setData] = useState<ReviewWithPrevious | null>(null);
  const [error, setError] = useState<{ title: string; error: QdError } | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState('');
  const [actions, setActions] = useState<ReviewAction[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [exportLanguage, setExportLanguage] = useState<Language>(language);
  const [anonymise, setAnonymise] = useState(false);
  const [exporting, setExporting] = useState<'html' | 'pdf' | null>(null);
  const dirty = useRef(false);
  const fmt = useMemo(() => valueFormatter(settings.locale, settings.currency), [settings.locale, settings.currency]);
  const quarter = useCallback((q: number, year: number) => t('review.quarter', { q, year }), [t]);

  const load = useCallback(async () => {
    const r = await api.getReview(id);
    if (!r.ok) return setError({ title: t('review.loadFailed'), error: r.error });
    setData(r.value);
    setNotes(r.value.review.notes);
    setSummary(r.value.review.summary);
    setActions(r.value.review.actions);
    dirty.current = false;
    setSaveState('saved');
  }, [api, id, t]);

  useEffect(() => {
    setData(null);
    void load();
  }, [load]);

  const review = data?.review ?? null;
  const frozen = review?.status === 'frozen';

  const save = useCallback(
    async (extra: { freeze?: boolean } = {}): Promise<Review | null> => {
      if (!review) return null;
      setSaveState('saving');
      const r = await api.updateReview({ id: review.id, notes, summary, actions: actions.filter((a) => a.text.trim() !== ''), ...extra });
      if (!r.ok) {
        setSaveState('failed');
        setError({ title: t('review.saveFailed'), error: r.error });
        return null;
      }
      dirty.current = false;
      setSaveState('saved');
      onChanged();
      return r.value;
    },
    [api, review, notes, summary, actions, t, onChanged],
  );

  // Notes and actions are saved shortly after each change.
  useEffect(() => {
    if (!dirty.current || frozen) return;
    setSaveState('pending');
    const timer = setTimeout(() => void save(), 700);
    return () => clearTimeout(timer);
  }, [notes, summary, actions, save, frozen]);

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    dirty.current = true;
    set(v);
  };

  const freeze = async () => {
    if (!window.confirm(t('review.freezeConfirm'))) return;
    const saved = await save({ freeze: true });
    if (saved) setData((d) => (d ? { ...d, review: saved } : d));
  };

  const exportPack = async (format: 'html' | 'pdf') => {
    if (!review) return;
    if (dirty.current) await save();
    setExporting(format);
    const r = await api.exportReview({ id: review.id, format, language: exportLanguage, anonymise });
    setExporting(null);
    if (!r.ok) return setError({ title: t('review.exportFailed'), error: r.error });
    saveFile(r.value.bytes, r.value.fileName, r.value.mimeType);
  };

  const remove = async () => {
    if (!review || !window.confirm(t('review.removeConfirm'))) return;
    const r = await api.removeReview(review.id);
    if (!r.ok) return setError({ title: t('review.removeFailed'), error: r.error });
    onRemoved();
  };

  if (!review) {
    return (
      <div className="review-page">
        {error ? <ErrorPanel title={error.title} error={error.error} /> : <p className="muted">{t('review.loading')}</p>}
      </div>
    );
  }
  const previousOf = new Map((data?.previous?.widgets ?? []).map((w) => [w.widgetId, w]));
  const tiles = review.widgets.filter((w) => w.chart === 'kpi');
  const others = review.widgets.filter((w) => w.chart !== 'kpi');
  const actionsOf = (widgetId: string | null) => actions.filter((a) => a.widgetId === widgetId);
  const setActionsOf = (widgetId: string | null) => edit((list: ReviewAction[]) => setActions((all) => [...all.filter((a) => a.widgetId !== widgetId), ...list]));
  const period = describePeriod(review.period, language, quarter);

  return (
    <div className="review-page" data-testid="review-page">
      <header className="review-header">
        <div className="review-title">
          <h1 data-testid="review-name">{review.name}</h1>
          <p className="review-subtitle">
            <strong data-testid="review-period">{period}</strong>
            {' · '}
            {t('review.referenceDay', { day: review.referenceDay })}
            {' · '}
            <span className={`review-badge review-badge-${review.status}`} data-testid="review-status">
              {frozen ? t('review.frozenOn', { when: (review.frozenAt ?? '').slice(0, 10) }) : t('review.draftBadge')}
            </span>
          </p>
          <p className="review-subtitle muted" data-testid="review-compared">
            {data?.previous ? t('review.comparedWith', { period: describePeriod(data.previous.period, language, quarter) }) : t('review.noPrevious')}
          </p>
          <p className="review-subtitle muted">{review.sources.map((s) => t('review.sourceLine', { source: s.source, snapshot: s.snapshot, file: s.file })).join(' · ')}</p>
        </div>
        <div className="review-toolbar" role="toolbar" aria-label={t('review.toolbar')}>
          {!frozen && (
            <span className="review-save-state muted" aria-live="polite" data-testid="review-save-state">
              {saveState === 'saved' ? t('review.savedState') : saveState === 'failed' ? t('review.saveFailed') : t('review.savingState')}
            </span>
          )}
          {!frozen && (
            <button type="button" className="button button-primary" data-testid="review-freeze" onClick={() => void freeze()}>
              {t('review.freeze')}
            </button>
          )}
          <label className="field field-compact">
            <span className="field-label">{t('review.exportLanguage')}</span>
            <select className="select" value={exportLanguage} data-testid="review-export-language" onChange={(e) => setExportLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="review-check">
            <input type="checkbox" checked={anonymise} data-testid="review-anonymise" onChange={(e) => setAnonymise(e.target.checked)} />
            {t('review.anonymise')}
          </label>
          <button type="button" className="button" disabled={exporting !== null} data-testid="review-export-html" onClick={() => void exportPack('html')}>
            {exporting === 'html' ? t('review.exporting') : t('review.exportHtml')}
          </button>
          <button type="button" className="button" disabled={exporting !== null} data-testid="review-export-pdf" onClick={() => void exportPack('pdf')}>
            {exporting === 'pdf' ? t('review.exporting') : t('review.exportPdf')}
          </button>
          <button type="button" className="button button-ghost" data-testid="review-remove" onClick={() => void remove()}>
            {t('review.remove')}
          </button>
        </div>
      </header>
      {error && <ErrorPanel title={error.title} error={error.error} onDismiss={() => setError(null)} dismissLabel={t('review.dismiss')} testId="review-error" />}

      <section className="review-summary" aria-labelledby="review-summary-title">
        <h2 id="review-summary-title">{t('review.summaryTitle')}</h2>
        {frozen ? (
          summary && <p className="review-note-text">{summary}</p>
        ) : (
          <textarea className="input review-note" rows={3} value={summary} aria-labelledby="review-summary-title" placeholder={t('review.summaryPlaceholder')} data-testid="review-summary" onChange={(e) => edit(setSummary)(e.target.value)} />
        )}
        <WidgetNotes widgetId={null} note="" showNote={false} actions={actionsOf(null)} readOnly={frozen} onNote={() => undefined} onActions={setActionsOf(null)} />
      </section>

      {tiles.length > 0 && (
        <section className="review-flash" aria-labelledby="review-flash-title">
          <h2 id="review-flash-title">{t('review.flashFigures')}</h2>
          <div className="review-tiles">
            {tiles.map((w) => {
              const hasNotes = Boolean(notes[w.widgetId]) || actionsOf(w.widgetId).length > 0;
              return (
                <div key={w.widgetId} className="review-tile-cell">
                  <ReviewTile widget={w} previous={previousOf.get(w.widgetId)} fmt={fmt} />
                  {(!frozen || hasNotes) && (
                    <details className="review-tile-notes" open={hasNotes}>
                      <summary>{t('review.noteAndActions')}</summary>
                      <WidgetNotes
                        widgetId={w.widgetId}
                        note={notes[w.widgetId] ?? ''}
                        actions={actionsOf(w.widgetId)}
                        readOnly={frozen}
                        onNote={(text) => edit(setNotes)({ ...notes, [w.widgetId]: text })}
                        onActions={setActionsOf(w.widgetId)}
                      />
                    </details>
                  )}
                </div>
              );
            })}
          </div>
        </section>
      )}

      <div className="review-widgets">
        {others.map((w) => (
          <div key={w.widgetId} className={`review-cell ${w.layout.w >= 9 ? 'review-cell-wide' : ''}`}>
            <ReviewWidget
              widget={w}
              previous={previousOf.get(w.widgetId)}
              note={notes[w.widgetId] ?? ''}
              actions={actionsOf(w.widgetId)}
              readOnly={frozen}
              onNote={(text) => edit(setNotes)({ ...notes, [w.widgetId]: text })}
              onActions={setActionsOf(w.widgetId)}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
