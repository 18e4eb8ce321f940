// Applying a template to the workspace, or running it as a review: the template is checked first,
// and every problem is shown with its guided fix — a source for a slot, a column for a missing role
// (or leave out the widgets that need it), a stage of the data for each stage the template names,
// what a new stage of the data stands for, another period when the chosen one is empty. Each choice
// checks again; nothing runs until nothing blocks, so nothing fails half-way.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QdError, WorkspaceInfo } from '../../../../shared/api';
import type { Dashboard } from '../../../../shared/dashboard/types';
import { roleName } from '../../../../shared/i18n';
import { isBlocking } from '../../../../shared/template/check';
import { describePeriod } from '../../../../shared/template/period';
import {
  TEMPLATE_PERIODS,
  type RoleFixes,
  type Template,
  type TemplateBinding,
  type TemplateCheckReport,
  type TemplatePeriod,
  type TemplateProblem,
} from '../../../../shared/template/types';
import { useBackend } from '../../app/backend-context';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Modal } from '../../ui/Modal';
import { ENTITY_KEYS, PERIOD_KEYS, templateName, widgetTitle } from './template-text';
import './templates.css';

export type ApplyOutcome = { kind: 'dashboard'; dashboard: Dashboard } | { kind: 'review'; reviewId: string };

export interface ApplyDialogProps {
  template: Template;
  workspace: WorkspaceInfo;
  /** Create a dashboard, or run the template as a review (its figures frozen). */
  mode: 'dashboard' | 'review';
  onClose(): void;
  onDone(outcome: ApplyOutcome): void;
}

const addDay = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

type Binding = Partial<TemplateBinding>;

export function ApplyDialog({ template, workspace, mode, onClose, onDone }: ApplyDialogProps) {
  const t = useT();
  const { language } = useLanguage();
  const { api } = useBackend();
  const [binding, setBinding] = useState<Binding>({});
  const [roles, setRoles] = useState<RoleFixes>({});
  const [report, setReport] = useState<TemplateCheckReport | null>(null);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<QdError | null>(null);
  const [running, setRunning] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    const id = ++request.current;
    setChecking(true);
    const timer = setTimeout(() => {
      void api.checkTemplate({ id: template.id, binding, roles }).then((r) => {
        if (id !== request.current) return;
        setChecking(false);
        if (!r.ok) {
          setError(r.error);
          return;
        }
        setError(null);
        setReport(r.value);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [api, template.id, binding, roles]);

  const blocking = useMemo(() => (report ? report.problems.filter(isBlocking) : []), [report]);
  const newStages = useMemo(() => (report ? report.problems.filter((p) => p.kind === 'new_stage') : []), [report]);
  const quarter = useCallback((q: number, year: number) => t('review.quarter', { q, year }), [t]);
  const titleOf = useCallback(
    (id: string) => {
      const w = template.dashboard.widgets.find((x) => x.id === id);
      return w ? widgetTitle(t, template, w) : id;
    },
    [t, template],
  );

  const setRole = (source: string, role: string, column: string) =>
    setRoles((r) => {
      const forSource = { ...(r[source] ?? {}) };
      if (column) forSource[role] = column;
      else delete forSource[role];
      return { ...r, [source]: forSource };
    });
  const leaveOut = (ids: string[]) => setBinding((b) => ({ ...b, skipWidgets: [...new Set([...(b.skipWidgets ?? []), ...ids])] }));
  const keepAll = () => setBinding((b) => ({ ...b, skipWidgets: [] }));
  const setStage = (slot: string, stage: string, target: string) =>
    setBinding((b) => {
      const map = { ...(b.stageMap?.[slot] ?? {}) };
      if (target) map[stage] = target;
      else delete map[stage];
      return { ...b, stageMap: { ...(b.stageMap ?? {}), [slot]: map } };
    });
  /** A new stage of the data counted as one of the template's stages. */
  const treatAs = (slot: string, dataStage: string, templateStage: string) =>
    setBinding((b) => {
      const map = { ...(b.stageMap?.[slot] ?? {}) };
      for (const [k, v] of Object.entries(map)) {
        const list = (Array.isArray(v) ? v : [v]).filter((x) => x !== dataStage);
        if (list.length === 0) delete map[k];
        else map[k] = list;
      }
      if (templateStage) {
        const current = map[templateStage];
        const known = report?.dataStages[slot]?.includes(templateStage) ? [templateStage] : [];
        const list = current === undefined ? known : Array.isArray(current) ? current : [current];
        map[templateStage] = [...new Set([...list, dataStage])];
      }
      return { ...b, stageMap: { ...(b.stageMap ?? {}), [slot]: map } };
    });
  const setPeriod = (period: TemplatePeriod, custom?: { from: string; to: string }) =>
    setBinding((b) => {
      const next: Binding = { ...b, period };
      if (period === 'custom') next.customPeriod = custom ?? report?.period ?? { from: '', to: '' };
      else delete next.customPeriod;
      return next;
    });

  const run = async () => {
    if (!report || blocking.length > 0) return;
    setRunning(true);
    setError(null);
    try {
      if (mode === 'dashboard') {
        const r = await api.applyTemplate({ id: template.id, binding, roles, language });
        if (!r.ok) return setError(r.error);
        onDone({ kind: 'dashboard', dashboard: r.value });
        return;
      }
      // A review reads the stored roles: the fixes are saved first, as applying would.
      for (const [source, fixes] of Object.entries(roles)) {
        if (Object.keys(fixes).length === 0) continue;
        const set = await api.setSourceRoles(source, fixes);
        if (!set.ok) return setError(set.error);
      }
      const period = report.binding.period ?? template.parameters.period;
      const r = await api.createReview({
        templateId: template.id,
        binding: {
          sources: report.binding.sources,
          ...(report.binding.stageMap ? { stageMap: report.binding.stageMap } : {}),
          ...(report.binding.skipWidgets ? { skipWidgets: report.binding.skipWidgets } : {}),
        },
        period: { period, ...(report.binding.customPeriod ? { customPeriod: report.binding.customPeriod } : {}) },
        language,
      });
      if (!r.ok) return setError(r.error);
      onDone({ kind: 'review', reviewId: r.value.review.id });
    } finally {
      setRunning(false);
    }
  };

  const periodChoice = binding.period ?? template.parameters.period;
  const custom = binding.customPeriod ?? (periodChoice === 'custom' ? report?.period : undefined);
  const name = templateName(t, template);
  const skipped = binding.skipWidgets ?? [];

  return (
    <Modal label={t('templates.applyTitle', { name })} onClose={onClose} className="apply-dialog" testId="apply-dialog">
      <header className="apply-head">
        <h2>{mode === 'review' ? t('templates.reviewTitle', { name }) : t('templates.applyTitle', { name })}</h2>
        <p className="muted">{t('templates.applyIntro')}</p>
      </header>
      <div className="apply-body">
        <section className="apply-section" aria-labelledby="apply-period">
          <h3 id="apply-period">{t('templates.periodTitle')}</h3>
          <div className="apply-row">
            <label className="field">
              <span className="field-label">{t('templates.period')}</span>
              <select className="select" value={periodChoice} data-testid="apply-period" onChange={(e) => setPeriod(e.target.value as TemplatePeriod)}>
                {TEMPLATE_PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {t(PERIOD_KEYS[p])}
                  </option>
                ))}
              </select>
            </label>
            {periodChoice === 'custom' && custom && (
              <>
                <label className="field">
                  <span className="field-label">{t('templates.periodFrom')}</span>
                  <input type="date" className="input" value={custom.from} data-testid="apply-period-from" onChange={(e) => e.target.value && setPeriod('custom', { from: e.target.value, to: custom.to })} />
                </label>
                <label className="field">
                  <span className="field-label">{t('templates.periodTo')}</span>
                  <input
                    type="date"
                    className="input"
                    value={custom.to ? addDay(custom.to, -1) : ''}
                    data-testid="apply-period-to"
                    onChange={(e) => e.target.value && setPeriod('custom', { from: custom.from, to: addDay(e.target.value, 1) })}
                  />
                </label>
              </>
            )}
            {report && (
              <p className="apply-period-text" data-testid="apply-period-text">
                {t('templates.periodResolved', { period: describePeriod(report.period, language, quarter), day: report.referenceDay })}
              </p>
            )}
          </div>
        </section>

        <section className="apply-section" aria-labelledby="apply-sources">
          <h3 id="apply-sources">{t('templates.sourcesTitle')}</h3>
          <ul className="apply-slots">
            {template.slots.map((slot) => {
              const bound = report?.binding.sources[slot.id] ?? '';
              return (
                <li key={slot.id} className="apply-slot">
                  <label className="field">
                    <span className="field-label">
                      {t(ENTITY_KEYS[slot.entity])}
                      {slot.history ? ` · ${t('templates.historySlot')}` : ''}
                      {slot.optional ? ` · ${t('templates.optionalSlot')}` : ''}
                    </span>
                    <select
                      className="select"
                      value={bound}
                      data-testid={`apply-slot-${slot.id}`}
                      onChange={(e) => setBinding((b) => ({ ...b, sources: { ...(b.sources ?? {}), [slot.id]: e.target.value } }))}
                    >
                      {!bound && <option value="">{slot.optional ? t('templates.noSourceOptional') : t('templates.chooseSource')}</option>}
                      {workspace.sources.map((s) => (
                        <option key={s.name} value={s.name}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="apply-section" aria-labelledby="apply-problems" aria-live="polite">
          <h3 id="apply-problems">{t('templates.checkTitle')}</h3>
          {error && <ErrorPanel error={error} compact testId="apply-error" />}
          {!report && checking && <p className="muted">{t('templates.checking')}</p>}
          {report && blocking.length === 0 && (
            <p className="apply-ready" data-testid="apply-ready">
              {t('templates.ready', { count: template.dashboard.widgets.length - report.skippedWidgets.length })}
            </p>
          )}
          {blocking.length > 0 && (
            <p className="apply-blocked" data-testid="apply-blocked">
              {t('templates.problems', { count: blocking.length })}
            </p>
          )}
          <ul className="apply-problems">
            {blocking.map((p) => (
              <ProblemRow
                key={problemKey(p)}
                problem={p}
                roles={roles}
                binding={binding}
                titleOf={titleOf}
                onRole={setRole}
                onLeaveOut={leaveOut}
                onStage={setStage}
                onPeriod={(range) => setPeriod('custom', range)}
                periodText={(range) => describePeriod(range, language, quarter)}
              />
            ))}
          </ul>
          {skipped.length > 0 && (
            <div className="apply-skipped" data-testid="apply-skipped">
              <span>{t('templates.leftOut', { count: skipped.length, titles: skipped.map(titleOf).join(', ') })}</span>
              <button type="button" className="button button-small button-ghost" onClick={keepAll}>
                {t('templates.keepAll')}
              </button>
            </div>
          )}
          {newStages.length > 0 && report && (
            <details className="apply-new-stages" open={blocking.length === 0}>
              <summary>{t('templates.newStages', { count: newStages.length })}</summary>
              <p className="muted">{t('templates.newStagesHint')}</p>
              <ul>
                {newStages.map((p) =>
                  p.kind === 'new_stage' ? (
                    <li key={problemKey(p)} className="apply-stage-row" data-testid={`new-stage-${p.stage}`}>
                      <span className="apply-stage-name">{p.stage}</span>
                      <label className="field field-inline">
                        <span className="field-label">{t('templates.treatAs')}</span>
                        <select className="select" value={treatedAs(binding, p.slot, p.stage)} onChange={(e) => treatAs(p.slot, p.stage, e.target.value)}>
                          <option value="">{t('templates.leaveAsIs')}</option>
                          {(template.stages?.[p.slot] ?? []).map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      </label>
                    </li>
                  ) : null,
                )}
              </ul>
            </details>
          )}
        </section>
      </div>
      <footer className="apply-foot">
        <button type="button" className="button" onClick={onClose}>
          {t('templates.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!report || blocking.length > 0 || checking || running}
          data-testid="apply-run"
          onClick={() => void run()}
        >
          {running ? t('templates.running') : mode === 'review' ? t('templates.runReview') : t('templates.createDashboard')}
        </button>
      </footer>
    </Modal>
  );
}

function problemKey(p: TemplateProblem): string {
  switch (p.kind) {
    case 'missing_role':
      return `${p.kind}:${p.slot}:${p.role}`;
    case 'missing_column':
      return `${p.kind}:${p.slot}:${p.widget}:${p.column}`;
    case 'unknown_stage':
    case 'new_stage':
      return `${p.kind}:${p.slot}:${p.stage}`;
    default:
      return `${p.kind}:${p.slot}`;
  }
}

function treatedAs(binding: Binding, slot: string, dataStage: string): string {
  for (const [k, v] of Object.entries(binding.stageMap?.[slot] ?? {})) if ((Array.isArray(v) ? v : [v]).includes(dataStage) && k !== dataStage) return k;
  return '';
}

interface ProblemRowProps {
  problem: TemplateProblem;
  roles: RoleFixes;
  binding: Binding;
  titleOf(id: string): string;
  onRole(source: string, role: string, column: string): void;
  onLeaveOut(ids: string[]): void;
  onStage(slot: string, stage: string, target: string): void;
  onPeriod(range: { from: string; to: string }): void;
  periodText(range: { from: string; to: string }): string;
}

function ProblemRow({ problem: p, roles, binding, titleOf, onRole, onLeaveOut, onStage, onPeriod, periodText }: ProblemRowProps) {
  const t = useT();
  switch (p.kind) {
    case 'no_source':
      return (
        <li className="apply-problem" data-testid={`problem-no_source-${p.slot}`}>
          <strong>{t('templates.problemNoSource', { entity: t(ENTITY_KEYS[p.entity]) })}</strong>
          <span className="muted">{t('templates.fixNoSource')}</span>
        </li>
      );
    case 'missing_role': {
      const role = roleName(t, p.role);
      return (
        <li className="apply-problem" data-testid={`problem-missing_role-${p.role}`}>
          <strong>{t('templates.problemMissingRole', { role, source: p.source })}</strong>
          <div className="apply-fix">
            <label className="field field-inline">
              <span className="field-label">{t('templates.fixMapColumn', { role })}</span>
              <select className="select" value={roles[p.source]?.[p.role] ?? ''} data-testid={`fix-role-${p.role}`} onChange={(e) => onRole(p.source, p.role, e.target.value)}>
                <option value="">{t('templates.chooseColumn')}</option>
                {p.candidates.map((c) => (
                  <option key={c.column} value={c.column}>
                    {c.column}
                  </option>
                ))}
              </select>
            </label>
            {p.widgets.length > 0 && (
              <button type="button" className="button button-small" data-testid={`fix-leave-out-${p.role}`} onClick={() => onLeaveOut(p.widgets)}>
                {t('templates.fixLeaveOut', { count: p.widgets.length })}
              </button>
            )}
          </div>
          {p.widgets.length > 0 && <span className="muted apply-needed-by">{t('templates.neededBy', { titles: p.widgets.map(titleOf).join(', ') })}</span>}
        </li>
      );
    }
    case 'missing_column':
      return (
        <li className="apply-problem" data-testid={`problem-missing_column-${p.column}`}>
          <strong>{t('templates.problemMissingColumn', { column: p.column, source: p.source, widget: titleOf(p.widget) })}</strong>
          {p.suggestion && <span className="muted">{t('templates.didYouMean', { name: p.suggestion })}</span>}
          <div className="apply-fix">
            <button type="button" className="button button-small" onClick={() => onLeaveOut([p.widget])}>
              {t('templates.fixLeaveOut', { count: 1 })}
            </button>
          </div>
        </li>
      );
    case 'unknown_stage': {
      const current = binding.stageMap?.[p.slot]?.[p.stage];
      const value = Array.isArray(current) ? (current[0] ?? '') : (current ?? '');
      return (
        <li className="apply-problem" data-testid={`problem-unknown_stage-${p.stage}`}>
          <strong>{t('templates.problemUnknownStage', { stage: p.stage, source: p.source })}</strong>
          <div className="apply-fix">
            <label className="field field-inline">
              <span className="field-label">{t('templates.fixMapStage', { stage: p.stage })}</span>
              <select className="select" value={value} data-testid={`fix-stage-${p.stage}`} onChange={(e) => onStage(p.slot, p.stage, e.target.value)}>
                <option value="">{t('templates.chooseStage')}</option>
                {p.candidates.map((c) => (
                  <option key={c} value={c}>
                    {c === p.suggestion ? t('templates.suggested', { name: c }) : c}
                  </option>
                ))}
              </select>
            </label>
            {p.suggestion && (
              <button type="button" className="button button-small" data-testid={`fix-stage-use-${p.stage}`} onClick={() => onStage(p.slot, p.stage, p.suggestion!)}>
                {t('templates.useSuggestion', { name: p.suggestion })}
              </button>
            )}
          </div>
        </li>
      );
    }
    case 'empty_period':
      return (
        <li className="apply-problem" data-testid={`problem-empty_period-${p.slot}`}>
          <strong>
            {typeof p.period === 'string'
              ? t('templates.problemEmptyPeriodPreset', { source: p.source })
              : t('templates.problemEmptyPeriod', { source: p.source, period: periodText(p.period) })}
          </strong>
          {p.latest && <span className="muted">{t('templates.latestData', { day: p.latest })}</span>}
          {p.suggestion && (
            <div className="apply-fix">
              <button type="button" className="button button-small" data-testid="fix-period" onClick={() => onPeriod(p.suggestion!)}>
                {t('templates.fixPeriod', { period: periodText(p.suggestion) })}
              </button>
            </div>
          )}
        </li>
      );
    default:
      return null;
  }
}
