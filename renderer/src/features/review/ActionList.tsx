// Corrective actions about one figure (or the review as a whole): what to do, who does it, by when,
// and where it stands. Actions still open are carried over to next month's review, which says so.
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { ACTION_STATUS_KEYS } from '../../../../shared/review/html';
import { ACTION_STATUSES, type ActionStatus, type ReviewAction } from '../../../../shared/review/types';
import { describePeriod } from '../../../../shared/template/period';

export interface ActionListProps {
  widgetId: string | null;
  actions: ReviewAction[];
  readOnly: boolean;
  onChange(actions: ReviewAction[]): void;
}

function newId(): string {
  return `a-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36).slice(-4)}`;
}

export function ActionList({ widgetId, actions, readOnly, onChange }: ActionListProps) {
  const t = useT();
  const { language } = useLanguage();
  const key = widgetId ?? 'review';
  const update = (id: string, patch: Partial<ReviewAction>) => onChange(actions.map((a) => (a.id === id ? { ...a, ...patch } : a)));
  const add = () => onChange([...actions, { id: newId(), widgetId, text: '', owner: '', due: null, status: 'open', createdAt: new Date().toISOString() }]);
  if (readOnly && actions.length === 0) return null;
  return (
    <div className="review-actions" data-testid={`actions-${key}`}>
      {actions.length > 0 && (
        <table className="review-action-table">
          <thead>
            <tr>
              <th scope="col">{t('review.action')}</th>
              <th scope="col">{t('review.actionOwner')}</th>
              <th scope="col">{t('review.actionDue')}</th>
              <th scope="col">{t('review.actionStatus')}</th>
              {!readOnly && <th scope="col" className="visually-hidden">{t('review.removeAction')}</th>}
            </tr>
          </thead>
          <tbody>
            {actions.map((a, i) => (
              <tr key={a.id} data-testid={`action-${key}-${i}`} data-status={a.status}>
                <td>
                  {readOnly ? (
                    a.text
                  ) : (
                    <input className="input input-compact" value={a.text} aria-label={t('review.action')} placeholder={t('review.actionPlaceholder')} data-testid="action-text" onChange={(e) => update(a.id, { text: e.target.value })} />
                  )}
                  {a.carriedFrom && (
                    <span className="review-carried" data-testid="action-carried">
                      {t('review.carriedFrom', { period: describePeriod(a.carriedFrom.period, language, (q, year) => t('review.quarter', { q, year })) })}
                    </span>
                  )}
                </td>
                <td>
                  {readOnly ? a.owner : <input className="input input-compact" value={a.owner} aria-label={t('review.actionOwner')} data-testid="action-owner" onChange={(e) => update(a.id, { owner: e.target.value })} />}
                </td>
                <td>
                  {readOnly ? (a.due ?? '–') : <input type="date" className="input input-compact" value={a.due ?? ''} aria-label={t('review.actionDue')} data-testid="action-due" onChange={(e) => update(a.id, { due: e.target.value || null })} />}
                </td>
                <td>
                  {readOnly ? (
                    <span className={`review-status review-status-${a.status}`}>{t(ACTION_STATUS_KEYS[a.status])}</span>
                  ) : (
                    <select className="select" value={a.status} aria-label={t('review.actionStatus')} data-testid="action-status" onChange={(e) => update(a.id, { status: e.target.value as ActionStatus })}>
                      {ACTION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(ACTION_STATUS_KEYS[s])}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                {!readOnly && (
                  <td>
                    <button type="button" className="button button-small button-ghost" aria-label={t('review.removeAction')} title={t('review.removeAction')} onClick={() => onChange(actions.filter((x) => x.id !== a.id))}>
                      ×
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <button type="button" className="button button-small" data-testid={`add-action-${key}`} onClick={add}>
          {t('review.addAction')}
        </button>
      )}
    </div>
  );
}
