// The reviews: the history of every template run for a period (latest first, with its open
// actions), the selected review, and "New review": a template run for a period after its check.
import { useCallback, useEffect, useState } from 'react';
import type { QdError, WorkspaceInfo } from '../../../../shared/api';
import type { ReviewSummary } from '../../../../shared/review/types';
import { describePeriod } from '../../../../shared/template/period';
import type { Template } from '../../../../shared/template/types';
import { useBackend } from '../../app/backend-context';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ApplyDialog } from '../templates/ApplyDialog';
import { templateName } from '../templates/template-text';
import { ReviewPage } from './ReviewPage';
import './review.css';

export interface ReviewsViewProps {
  workspace: WorkspaceInfo;
  /** A review to open (one just run from the template library). */
  openId: string | null;
  onOpen(id: string | null): void;
  onWorkspaceChange(): void;
}

export function ReviewsView({ workspace, openId, onOpen, onWorkspaceChange }: ReviewsViewProps) {
  const t = useT();
  const { language } = useLanguage();
  const { api } = useBackend();
  const [reviews, setReviews] = useState<ReviewSummary[] | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState<QdError | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState('');
  const [running, setRunning] = useState<Template | null>(null);

  const load = useCallback(async () => {
    const r = await api.listReviews();
    if (!r.ok) return setError(r.error);
    setReviews(r.value);
  }, [api]);

  useEffect(() => {
    void load();
    void api.listTemplates().then((r) => {
      if (r.ok) {
        setTemplates(r.value);
        setChosen((c) => c || r.value[0]?.id || '');
      }
    });
  }, [api, load]);

  useEffect(() => {
    if (openId === null && reviews && reviews.length > 0) onOpen(reviews[0]!.id);
  }, [openId, reviews, onOpen]);

  const quarter = (q: number, year: number) => t('review.quarter', { q, year });
  const nameOf = (r: ReviewSummary) => {
    const template = templates.find((x) => x.id === r.templateId);
    return template ? templateName(t, template) : r.name;
  };

  return (
    <div className="app-body reviews-view" data-testid="reviews-view">
      <aside className="sidebar reviews-sidebar">
        <div className="sidebar-actions">
          <button type="button" className="button button-primary button-block" data-testid="review-new" onClick={() => setChoosing((c) => !c)}>
            {t('review.new')}
          </button>
          {choosing && (
            <div className="review-new-form">
              <label className="field">
                <span className="field-label">{t('review.template')}</span>
                <select className="select" value={chosen} data-testid="review-new-template" onChange={(e) => setChosen(e.target.value)}>
                  {templates.map((x) => (
                    <option key={x.id} value={x.id}>
                      {templateName(t, x)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button button-block"
                disabled={!chosen}
                data-testid="review-new-check"
                onClick={() => {
                  setRunning(templates.find((x) => x.id === chosen) ?? null);
                  setChoosing(false);
                }}
              >
                {t('review.checkAndRun')}
              </button>
            </div>
          )}
        </div>
        <div className="sidebar-section-title">
          {t('review.history')}
          <span className="sidebar-section-count">{reviews?.length ?? 0}</span>
        </div>
        {error && <ErrorPanel error={error} compact />}
        {reviews?.length === 0 && <p className="sidebar-empty">{t('review.none')}</p>}
        <ul className="review-list" data-testid="review-list">
          {(reviews ?? []).map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={`review-item ${r.id === openId ? 'review-item-selected' : ''}`}
                aria-current={r.id === openId ? 'true' : undefined}
                data-testid={`review-item-${r.id}`}
                onClick={() => onOpen(r.id)}
              >
                <span className="review-item-period">{describePeriod(r.period, language, quarter)}</span>
                <span className="review-item-name">{nameOf(r)}</span>
                <span className="review-item-meta">
                  {r.status === 'frozen' ? t('review.frozenShort') : t('review.draftShort')}
                  {r.openActions > 0 ? ` · ${t('review.openActions', { count: r.openActions })}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <main className="main review-main">
        {openId ? (
          <ReviewPage
            key={openId}
            id={openId}
            onChanged={() => void load()}
            onRemoved={() => {
              onOpen(null);
              void load();
            }}
          />
        ) : (
          reviews?.length === 0 && (
            <div className="empty-state">
              <h2>{t('review.noneTitle')}</h2>
              <p>{t('review.noneText')}</p>
            </div>
          )
        )}
      </main>
      {running && (
        <ApplyDialog
          template={running}
          workspace={workspace}
          mode="review"
          onClose={() => setRunning(null)}
          onDone={(outcome) => {
            setRunning(null);
            onWorkspaceChange();
            if (outcome.kind === 'review') {
              void load();
              onOpen(outcome.reviewId);
            }
          }}
        />
      )}
    </div>
  );
}
