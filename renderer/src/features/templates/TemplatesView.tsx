// The template library: built-in templates (designed for the monthly business review and its
// companions), the user's own (saved from a dashboard) and imported ones (files received by e-mail),
// each with a preview of its layout. Apply one to the workspace as a dashboard, run it as a review,
// export it as a file, import one; a file that is no valid template is refused and the library
// stays as it was.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QdError, WorkspaceInfo } from '../../../../shared/api';
import type { Template } from '../../../../shared/template/types';
import { useBackend } from '../../app/backend-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ApplyDialog, type ApplyOutcome } from './ApplyDialog';
import { SaveTemplateDialog } from './SaveTemplateDialog';
import { TemplateThumbnail } from './TemplateThumbnail';
import { ENTITY_KEYS, PERIOD_KEYS, saveFile, templateDescription, templateName } from './template-text';
import './templates.css';

export interface TemplatesViewProps {
  workspace: WorkspaceInfo;
  /** A dashboard was created: show it. */
  onDashboardCreated(): void;
  /** A review was run: open it. */
  onReviewCreated(reviewId: string): void;
  /** Role fixes change the workspace's sources. */
  onWorkspaceChange(): void;
}

type Notice = { kind: 'imported' | 'saved' | 'removed'; name: string };

export function TemplatesView({ workspace, onDashboardCreated, onReviewCreated, onWorkspaceChange }: TemplatesViewProps) {
  const t = useT();
  const { api } = useBackend();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [error, setError] = useState<{ title: string; error: QdError } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [applying, setApplying] = useState<{ template: Template; mode: 'dashboard' | 'review' } | null>(null);
  const [saving, setSaving] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const r = await api.listTemplates();
    if (!r.ok) return setError({ title: t('templates.loadFailed'), error: r.error });
    setTemplates(r.value);
  }, [api, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const importFile = async (file: File) => {
    setError(null);
    setNotice(null);
    const r = await api.importTemplate(await file.text(), file.name);
    if (!r.ok) return setError({ title: t('templates.importFailed', { file: file.name }), error: r.error });
    setNotice({ kind: 'imported', name: templateName(t, r.value) });
    await load();
  };

  const exportTemplate = async (template: Template) => {
    const r = await api.exportTemplate(template.id);
    if (!r.ok) return setError({ title: t('templates.exportFailed'), error: r.error });
    saveFile(r.value.text, r.value.fileName, 'application/json');
  };

  const remove = async (template: Template) => {
    if (!window.confirm(t('templates.removeConfirm', { name: templateName(t, template) }))) return;
    const r = await api.removeTemplate(template.id);
    if (!r.ok) return setError({ title: t('templates.removeFailed'), error: r.error });
    setTemplates(r.value);
    setNotice({ kind: 'removed', name: templateName(t, template) });
  };

  const done = (outcome: ApplyOutcome) => {
    setApplying(null);
    onWorkspaceChange();
    if (outcome.kind === 'dashboard') onDashboardCreated();
    else onReviewCreated(outcome.reviewId);
  };

  const groups: { key: Template['origin']; title: string; empty: string }[] = [
    { key: 'builtin', title: t('templates.groupBuiltin'), empty: '' },
    { key: 'personal', title: t('templates.groupPersonal'), empty: t('templates.emptyPersonal') },
    { key: 'imported', title: t('templates.groupImported'), empty: t('templates.emptyImported') },
  ];

  return (
    <main className="templates-view" data-testid="templates-view">
      <header className="templates-head">
        <div>
          <h1>{t('templates.title')}</h1>
          <p className="muted">{t('templates.intro')}</p>
        </div>
        <div className="templates-actions">
          <button type="button" className="button" data-testid="template-save-open" onClick={() => setSaving(true)}>
            {t('templates.saveOpen')}
          </button>
          <button type="button" className="button button-primary" data-testid="template-import" onClick={() => fileInput.current?.click()}>
            {t('templates.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="template-file-input"
            aria-label={t('templates.import')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </header>
      {error && <ErrorPanel title={error.title} error={error.error} onDismiss={() => setError(null)} dismissLabel={t('templates.dismiss')} testId="templates-error" note={t('templates.libraryIntact')} />}
      {notice && (
        <div className="notice notice-success" role="status" data-testid="templates-notice">
          {notice.kind === 'imported' ? t('templates.imported', { name: notice.name }) : notice.kind === 'saved' ? t('templates.saved', { name: notice.name }) : t('templates.removed', { name: notice.name })}
        </div>
      )}
      {templates === null && !error && <p className="muted">{t('templates.loading')}</p>}
      {templates !== null &&
        groups.map((g) => {
          const list = templates.filter((x) => x.origin === g.key);
          return (
            <section key={g.key} className="templates-group" aria-labelledby={`group-${g.key}`} data-testid={`templates-group-${g.key}`}>
              <h2 id={`group-${g.key}`}>
                {g.title} <span className="templates-count">{list.length}</span>
              </h2>
              {list.length === 0 && <p className="muted">{g.empty}</p>}
              <ul className="template-cards">
                {list.map((template) => {
                  const name = templateName(t, template);
                  return (
                    <li key={template.id} className="template-card" data-testid={`template-card-${template.id}`}>
                      <TemplateThumbnail widgets={template.dashboard.widgets} label={t('templates.preview', { name })} />
                      <div className="template-card-body">
                        <h3>{name}</h3>
                        <p className="template-description">{templateDescription(t, template)}</p>
                        <p className="template-meta">
                          {t('templates.meta', { count: template.dashboard.widgets.length, period: t(PERIOD_KEYS[template.parameters.period]) })}
                          {' · '}
                          {template.slots.map((s) => (s.history ? t('templates.historyOf', { what: t(ENTITY_KEYS[s.entity]) }) : t(ENTITY_KEYS[s.entity]))).join(', ')}
                        </p>
                      </div>
                      <div className="template-card-actions">
                        <button type="button" className="button button-primary button-small" data-testid={`template-review-${template.id}`} onClick={() => setApplying({ template, mode: 'review' })}>
                          {t('templates.runReviewOpen')}
                        </button>
                        <button type="button" className="button button-small" data-testid={`template-apply-${template.id}`} onClick={() => setApplying({ template, mode: 'dashboard' })}>
                          {t('templates.applyOpen')}
                        </button>
                        <button type="button" className="button button-small button-ghost" data-testid={`template-export-${template.id}`} onClick={() => void exportTemplate(template)}>
                          {t('templates.export')}
                        </button>
                        {template.origin !== 'builtin' && (
                          <button type="button" className="button button-small button-ghost" data-testid={`template-remove-${template.id}`} onClick={() => void remove(template)}>
                            {t('templates.remove')}
                          </button>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      {applying && <ApplyDialog template={applying.template} mode={applying.mode} workspace={workspace} onClose={() => setApplying(null)} onDone={done} />}
      {saving && (
        <SaveTemplateDialog
          onClose={() => setSaving(false)}
          onSaved={(template) => {
            setSaving(false);
            setNotice({ kind: 'saved', name: template.name });
            void load();
          }}
        />
      )}
    </main>
  );
}
