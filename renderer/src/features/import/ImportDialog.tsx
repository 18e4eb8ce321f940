// The import dialog: what was detected in the file, a live preview of the rows as they will be
// imported, the warnings that need an answer, the roles of the columns and where the data goes.
// Nothing is written until the user confirms; a failed or cancelled import changes nothing.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileRef, QdError, SourceInfo } from '../../../../shared/api';
import type { ImportReport, ImportSettings, ImportWarning } from '../../../../shared/import/types';
import { useBackend } from '../../app/backend-context';
import { EngineText } from '../../i18n/EngineText';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ProgressBar } from '../../ui/ProgressBar';
import { Modal } from '../../ui/Modal';
import { DestinationPanel } from './DestinationPanel';
import {
  ambiguousExample,
  editRole,
  effectiveRoles,
  encodingLabel,
  isIsoDate,
  requestRoles,
  requestSettings,
  rowCountText,
  snapshotKindDiffs,
  type FixedSettings,
  type RoleEdits,
} from './import-model';
import { ImportPreview } from './ImportPreview';
import { ImportWarnings } from './ImportWarnings';
import { RolesPanel } from './RolesPanel';
import { SettingsPanel } from './SettingsPanel';
import { useImportRun } from './use-import-run';
import { useInspection } from './use-inspection';

export interface ImportSession {
  /** Distinguishes two sessions on the same file name. */
  key: number;
  fileName: string;
  /** Null while the file is uploading (browser mode). */
  file: FileRef | null;
  uploadError: QdError | null;
}

interface ImportDialogProps {
  session: ImportSession;
  sources: readonly SourceInfo[];
  onClose: () => void;
  onImported: (report: ImportReport, fileName: string) => void | Promise<void>;
}

type Tab = 'preview' | 'roles';

/** Settings that only mean something for one format: a change of format detects them afresh. */
const FORMAT_BOUND: readonly (keyof ImportSettings)[] = ['encoding', 'delimiter', 'quote', 'escape', 'sheet', 'skipRows', 'headerRows'];

export function ImportDialog({ session, sources, onClose, onImported }: ImportDialogProps) {
  const { api } = useBackend();
  const t = useT();
  const file = session.fileName;
  const [fixed, setFixed] = useState<FixedSettings>({});
  const [roleEdits, setRoleEdits] = useState<RoleEdits>({});
  const [sourceName, setSourceName] = useState<string | null>(null);
  const [snapshotDate, setSnapshotDate] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const [tab, setTab] = useState<Tab>('preview');
  const [focusRole, setFocusRole] = useState<string | null>(null);

  const requested = useMemo(() => requestSettings(fixed, fixed.format), [fixed]);
  const state = useInspection(api, session.file, requested, sourceName ?? undefined);
  const { inspection } = state;
  const run = useImportRun(api);
  const running = run.running;
  const current = state.inspectedWith === JSON.stringify({ settings: requested, sourceName: sourceName ?? null });

  const changeSettings = useCallback(
    (next: FixedSettings) => {
      if (next.format !== fixed.format) {
        for (const key of FORMAT_BOUND) delete next[key];
      }
      setFixed(next);
      run.reset();
    },
    [fixed.format, run],
  );

  // Once the user answers the date-order question the engine no longer asks it; the dialog keeps
  // showing it, answered, so the choice stays visible and can be changed.
  const [ambiguity, setAmbiguity] = useState<{ warning: ImportWarning; sample: string | null } | null>(null);
  useEffect(() => {
    const w = inspection?.warnings.find((x) => x.code === 'AMBIGUOUS_DATE_ORDER');
    if (inspection && w) setAmbiguity({ warning: w, sample: ambiguousExample(inspection, w) });
  }, [inspection]);
  const warnings = useMemo(() => {
    const list = inspection?.warnings ?? [];
    const asked = list.some((x) => x.code === 'AMBIGUOUS_DATE_ORDER');
    return !asked && ambiguity && fixed.dateOrder !== undefined ? [ambiguity.warning, ...list] : list;
  }, [inspection, ambiguity, fixed.dateOrder]);

  const columnNames = useMemo(() => inspection?.columns.map((c) => c.name) ?? [], [inspection]);
  const roles = useMemo(
    () => (inspection ? effectiveRoles(inspection.roles, roleEdits, columnNames, t('import.reasonChosen')) : []),
    [inspection, roleEdits, columnNames, t],
  );
  const assignRole = (role: string, column: string | null) => {
    if (!inspection) return;
    setRoleEdits(editRole(roleEdits, roles, inspection.roles, role, column));
  };

  const date = snapshotDate ?? inspection?.match?.snapshotDate ?? inspection?.snapshotDate ?? '';
  const target = inspection?.match ? sources.find((s) => s.name === inspection.match!.source) : undefined;
  const clash = Boolean(target?.snapshots.some((s) => s.date === date));
  const finalName = sourceName ?? inspection?.sourceName ?? '';

  const blocker = !session.file
    ? null
    : !inspection
      ? null
      : state.error && !state.loading
        ? t('import.blockerUnreadable')
        : !current || state.loading
          ? t('import.blockerReading')
          : finalName.trim() === ''
            ? t('import.blockerName')
            : !isIsoDate(date)
              ? t('import.blockerDate')
              : clash && !replace
                ? t('import.blockerClash')
                : null;
  const canImport = Boolean(session.file && inspection && !blocker && !running);

  const confirm = async () => {
    if (!session.file || !inspection || !canImport) return;
    const report = await run.start({
      file: session.file,
      // What the dialog showed is what gets imported: the detected settings are pinned too.
      settings: { ...inspection.settings, ...requested },
      sourceName: finalName,
      snapshotDate: date,
      ...(clash && replace ? { replace: true } : {}),
      ...(requestRoles(roleEdits, columnNames) ? { roles: requestRoles(roleEdits, columnNames) } : {}),
    });
    if (report) await onImported(report, session.fileName);
  };

  const settings = inspection?.settings;
  const summary = inspection && settings && (
    <div className="import-summary" data-testid="import-summary">
      <span>
        {settings.format === 'xlsx'
          ? settings.sheet
            ? t('import.summaryExcelSheet', { sheet: settings.sheet })
            : t('import.summaryExcel')
          : t('import.summaryCsv')}
      </span>
      {settings.format === 'csv' && (
        <>
          <span className="dot" aria-hidden="true" />
          <span>{encodingLabel(t, settings.encoding)}</span>
        </>
      )}
      <span className="dot" aria-hidden="true" />
      <span data-testid="import-row-count">{rowCountText(t, inspection)}</span>
      <span className="dot" aria-hidden="true" />
      <span>{t('common.columns', { count: inspection.columns.length })}</span>
      {inspection.preset && (
        <span className="preset-pill" data-testid="import-preset">
          {t('import.presetLooksLike', { preset: inspection.preset })}
        </span>
      )}
    </div>
  );

  return (
    <Modal label={t('import.title', { file })} onClose={running ? undefined : onClose} className="import-dialog" testId="import-dialog">
      <header className="import-dialog-header">
        <div className="import-dialog-heading">
          <h2 className="import-dialog-title">{t('import.title', { file })}</h2>
          {summary ?? (
            <div className="import-summary muted">
              {session.uploadError || (state.error && !state.loading)
                ? t('import.statusUnreadable')
                : session.file
                  ? t('import.statusReading')
                  : t('import.statusUploading')}
            </div>
          )}
        </div>
        {state.loading && inspection && (
          <span className="running-pill" data-testid="inspect-loading">
            {t('import.updatingPreview')}
          </span>
        )}
        <button
          type="button"
          className="icon-button icon-button-large"
          aria-label={t('common.close')}
          title={t('import.closeTitle')}
          disabled={running}
          onClick={onClose}
        >
          ×
        </button>
      </header>

      <div className="import-dialog-body">
        <aside className="import-dialog-side" aria-label={t('import.settingsLabel')}>
          <SettingsPanel inspection={inspection} fixed={fixed} onChange={changeSettings} disabled={running || !session.file} />
        </aside>
        <div className="import-dialog-main">
          {session.uploadError && (
            <ErrorPanel
              title={t('import.couldNotRead', { file })}
              error={session.uploadError}
              note={t('import.nothingImported')}
              testId="import-error"
            />
          )}
          {!session.file && !session.uploadError && (
            <div className="import-loading">
              <div>{t('import.uploadingFile', { file })}</div>
              <ProgressBar fraction={null} label={t('import.uploadingFile', { file })} />
            </div>
          )}
          {state.error && (
            <ErrorPanel
              title={t('import.couldNotRead', { file })}
              error={state.error}
              note={inspection ? t('import.notePreviousPreview') : t('import.noteChangeSetting')}
              testId="import-error"
              compact
            />
          )}
          {session.file && !inspection && !state.error && (
            <div className="import-loading">
              <div>{t('import.readingFile', { file })}</div>
              <ProgressBar fraction={null} label={t('import.readingFile', { file })} />
            </div>
          )}
          {inspection && (
            <>
              <ImportWarnings
                warnings={warnings}
                dateSample={ambiguity?.sample ?? null}
                dateOrder={inspection.settings.dateOrder}
                snapshotDiffs={target ? { source: target.name, diffs: snapshotKindDiffs(inspection.columns, target.columns) } : null}
                columns={inspection.columns}
                fixed={fixed}
                onChange={changeSettings}
                disabled={running}
              />
              <div className="import-tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'preview'}
                  className={`tab ${tab === 'preview' ? 'tab-active' : ''}`}
                  data-testid="import-tab-preview"
                  onClick={() => setTab('preview')}
                >
                  {t('import.tabPreview')}
                  <span className="tab-count">
                    {inspection.preview.length === 0
                      ? t('import.previewNoRows')
                      : inspection.preview.length < inspection.rowCount
                        ? t('import.previewFirstRows', { count: inspection.preview.length })
                        : t('import.previewAllRows', { count: inspection.preview.length })}
                  </span>
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'roles'}
                  className={`tab ${tab === 'roles' ? 'tab-active' : ''}`}
                  data-testid="import-tab-roles"
                  onClick={() => setTab('roles')}
                >
                  {t('import.tabRoles')}
                  <span className="tab-count">{t('import.rolesAssigned', { count: roles.length })}</span>
                </button>
              </div>
              <div className={`import-tab-panel ${state.loading ? 'is-stale' : ''}`}>
                {tab === 'preview' ? (
                  <ImportPreview
                    inspection={inspection}
                    fixed={fixed}
                    onChange={changeSettings}
                    roles={roles}
                    disabled={running}
                    onRoleClick={(role) => {
                      setFocusRole(role);
                      setTab('roles');
                    }}
                  />
                ) : (
                  <RolesPanel
                    columns={inspection.columns}
                    roles={roles}
                    proposed={inspection.roles}
                    onAssign={assignRole}
                    focusRole={focusRole}
                    disabled={running}
                  />
                )}
              </div>
            </>
          )}
        </div>
      </div>

      <footer className="import-dialog-footer">
        {run.state.status === 'failed' && (
          <ErrorPanel
            title={t('import.couldNotImport', { file })}
            error={run.state.error}
            note={t('import.nothingImported')}
            onDismiss={run.reset}
            testId="import-error"
            compact
          />
        )}
        {run.state.status === 'cancelled' && (
          <div className="notice notice-compact" data-testid="import-cancelled">
            <strong>{t('import.cancelledTitle')}</strong> <span className="muted">{t('import.cancelledText')}</span>
          </div>
        )}
        {inspection && (
          <DestinationPanel
            inspection={inspection}
            sources={sources}
            sourceName={sourceName}
            onSourceName={setSourceName}
            snapshotDate={date}
            onSnapshotDate={setSnapshotDate}
            replace={replace}
            onReplace={setReplace}
            disabled={running}
          />
        )}
        <div className="import-dialog-actions">
          {run.state.status === 'running' ? (
            <div className="import-running" data-testid="import-progress">
              <div className="import-running-text">
                <strong>{t('import.stepImporting', { file })}</strong>
                <span className="muted">
                  {run.state.progress ? (
                    <EngineText text={run.state.progress} english={run.state.progress.message} />
                  ) : (
                    t('import.starting')
                  )}
                  {run.state.progress?.fraction != null && (
                    <>
                      {' · '}
                      {t('import.progressPercent', { fraction: run.state.progress.fraction })}
                    </>
                  )}
                </span>
              </div>
              <ProgressBar fraction={run.state.progress?.fraction ?? null} label={t('import.stepImporting', { file })} />
              <button
                type="button"
                className="button"
                onClick={run.cancel}
                disabled={run.state.cancelling}
                data-testid="import-cancel"
              >
                {run.state.cancelling ? t('import.cancelling') : t('import.cancelImport')}
              </button>
            </div>
          ) : (
            <>
              {blocker && <span className="import-blocker muted">{blocker}</span>}
              <button type="button" className="button" onClick={onClose} data-testid="import-close">
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={!canImport}
                onClick={() => void confirm()}
                data-testid="import-confirm"
              >
                {inspection?.match ? t('import.addSnapshot') : t('import.import')}
              </button>
            </>
          )}
        </div>
      </footer>
    </Modal>
  );
}
