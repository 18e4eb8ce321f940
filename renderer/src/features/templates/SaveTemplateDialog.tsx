// "Save as template": one of the workspace's dashboards, named and described, with the period it
// runs on by default and its comparison. The engine binds it to roles and source slots, so that it
// runs on next month's export — or on another CRM's.
import { useEffect, useState } from 'react';
import type { QdError } from '../../../../shared/api';
import type { Dashboard } from '../../../../shared/dashboard/types';
import type { CompareTo } from '../../../../shared/spec/types';
import { TEMPLATE_PERIODS, type Template, type TemplatePeriod } from '../../../../shared/template/types';
import { useBackend } from '../../app/backend-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Modal } from '../../ui/Modal';
import { PERIOD_KEYS } from './template-text';
import './templates.css';

export interface SaveTemplateDialogProps {
  /** Preselected dashboard, if any. */
  dashboardId?: string;
  onClose(): void;
  onSaved(template: Template): void;
}

const SAVE_PERIODS = TEMPLATE_PERIODS.filter((p) => p !== 'custom');

export function SaveTemplateDialog({ dashboardId, onClose, onSaved }: SaveTemplateDialogProps) {
  const t = useT();
  const { api } = useBackend();
  const [dashboards, setDashboards] = useState<Dashboard[] | null>(null);
  const [chosen, setChosen] = useState(dashboardId ?? '');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [period, setPeriod] = useState<TemplatePeriod>('last_complete_month');
  const [compare, setCompare] = useState<CompareTo | ''>('previous_period');
  const [error, setError] = useState<QdError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.listDashboards().then((r) => {
      if (!r.ok) return setError(r.error);
      setDashboards(r.value);
      const first = r.value.find((d) => d.id === dashboardId) ?? r.value[0];
      if (first) {
        setChosen(first.id);
        setName((n) => n || first.name);
      }
    });
  }, [api, dashboardId]);

  const save = async () => {
    setSaving(true);
    const r = await api.saveDashboardAsTemplate({ dashboardId: chosen, name, description, parameters: { period, compare: compare || null } });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    onSaved(r.value);
  };

  return (
    <Modal label={t('templates.saveTitle')} onClose={onClose} className="save-template-dialog" testId="save-template-dialog">
      <header className="apply-head">
        <h2>{t('templates.saveTitle')}</h2>
        <p className="muted">{t('templates.saveIntro')}</p>
      </header>
      <div className="apply-body save-template-form">
        {dashboards !== null && dashboards.length === 0 && <p className="muted">{t('templates.noDashboards')}</p>}
        <label className="field">
          <span className="field-label">{t('templates.saveDashboard')}</span>
          <select className="select" value={chosen} data-testid="save-dashboard" onChange={(e) => setChosen(e.target.value)}>
            {(dashboards ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('templates.saveName')}</span>
          <input className="input" value={name} maxLength={200} data-testid="save-name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('templates.saveDescription')}</span>
          <textarea className="input" rows={3} value={description} maxLength={4000} data-testid="save-description" onChange={(e) => setDescription(e.target.value)} />
        </label>
        <div className="apply-row">
          <label className="field">
            <span className="field-label">{t('templates.period')}</span>
            <select className="select" value={period} onChange={(e) => setPeriod(e.target.value as TemplatePeriod)}>
              {SAVE_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(PERIOD_KEYS[p])}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('templates.compare')}</span>
            <select className="select" value={compare} onChange={(e) => setCompare(e.target.value as CompareTo | '')}>
              <option value="">{t('templates.compareNone')}</option>
              <option value="previous_period">{t('templates.comparePrevious')}</option>
              <option value="same_period_last_year">{t('templates.compareLastYear')}</option>
            </select>
          </label>
        </div>
        {error && <ErrorPanel error={error} compact testId="save-template-error" />}
      </div>
      <footer className="apply-foot">
        <button type="button" className="button" onClick={onClose}>
          {t('templates.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={!chosen || !name.trim() || saving} data-testid="save-template-confirm" onClick={() => void save()}>
          {t('templates.saveConfirm')}
        </button>
      </footer>
    </Modal>
  );
}
