// The import dialog: what was detected in the file, a live preview of the rows as they will be
// imported, the warnings that need an answer, the roles of the columns and where the data goes.
// Nothing is written until the user confirms; a failed or cancelled import changes nothing.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileRef, QdError, SourceInfo } from '../../../../shared/api';
import type { ImportReport, ImportSettings, ImportWarning } from '../../../../shared/import/types';
import { useBackend } from '../../app/backend-context';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ProgressBar } from '../../ui/ProgressBar';
import { Modal } from '../../ui/Modal';
import { DestinationPanel } from './DestinationPanel';
import {
  ambiguousExample,
  editRole,
  effectiveRoles,
  ENCODING_LABEL,
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
    () => (inspection ? effectiveRoles(inspection.roles, roleEdits, columnNames) : []),
    [inspection, roleEdits, columnNames],
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
        ? 'The file cannot be read with these settings'
        : !current || state.loading
          ? 'Reading the file with your settings…'
          : finalName.trim() === ''
            ? 'Give the source a name'
            : !isIsoDate(date)
              ? 'Choose a snapshot date'
              : clash && !replace
                ? 'Choose another date, or replace that snapshot'
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
      <span>{settings.format === 'xlsx' ? `Excel workbook${settings.sheet ? `, sheet “${settings.sheet}”` : ''}` : 'CSV'}</span>
      {settings.format === 'csv' && (
        <>
          <span className="dot" aria-hidden="true" />
          <span>{ENCODING_LABEL[settings.encoding]}</span>
        </>
      )}
      <span className="dot" aria-hidden="true" />
      <span data-testid="import-row-count">{rowCountText(inspection)}</span>
      <span className="dot" aria-hidden="true" />
      <span>
        {inspection.columns.length} {inspection.columns.length === 1 ? 'column' : 'columns'}
      </span>
      {inspection.preset && (
        <span className="preset-pill" data-testid="import-preset">
          Looks like a {inspection.preset} export
        </span>
      )}
    </div>
  );

  return (
    <Modal label={`Import ${session.fileName}`} onClose={running ? undefined : onClose} className="import-dialog" testId="import-dialog">
      <header className="import-dialog-header">
        <div className="import-dialog-heading">
          <h2 className="import-dialog-title">Import {session.fileName}</h2>
          {summary ?? (
            <div className="import-summary muted">
              {session.uploadError || (state.error && !state.loading)
                ? 'The file could not be read'
                : session.file
                  ? 'Reading the file…'
                  : 'Uploading the file…'}
            </div>
          )}
        </div>
        {state.loading && inspection && (
          <span className="running-pill" data-testid="inspect-loading">
            Updating preview…
          </span>
        )}
        <button type="button" className="icon-button icon-button-large" aria-label="Close" title="Close (Esc)" disabled={running} onClick={onClose}>
          ×
        </button>
      </header>

      <div className="import-dialog-body">
        <aside className="import-dialog-side" aria-label="Settings">
          <SettingsPanel inspection={inspection} fixed={fixed} onChange={changeSettings} disabled={running || !session.file} />
        </aside>
        <div className="import-dialog-main">
          {session.uploadError && (
            <ErrorPanel
              title={`Could not read ${session.fileName}`}
              error={session.uploadError}
              note="Nothing was imported: the workspace is unchanged."
              testId="import-error"
            />
          )}
          {!session.file && !session.uploadError && (
            <div className="import-loading">
              <div>Uploading {session.fileName}…</div>
              <ProgressBar fraction={null} label={`Uploading ${session.fileName}`} />
            </div>
          )}
          {state.error && (
            <ErrorPanel
              title={`Could not read ${session.fileName}`}
              error={state.error}
              note={
                inspection
                  ? 'The preview below is from your previous settings. Nothing was imported: the workspace is unchanged.'
                  : 'Nothing was imported: the workspace is unchanged. Change a setting on the left to read the file differently.'
              }
              testId="import-error"
              compact
            />
          )}
          {session.file && !inspection && !state.error && (
            <div className="import-loading">
              <div>Reading {session.fileName}…</div>
              <ProgressBar fraction={null} label={`Reading ${session.fileName}`} />
            </div>
          )}
          {inspection && (
            <>
              <ImportWarnings
                warnings={warnings}
                dateSample={ambiguity?.sample ?? null}
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
                  Preview
                  <span className="tab-count">
                    {inspection.preview.length === 0
                      ? 'no rows'
                      : inspection.preview.length < inspection.rowCount
                        ? `first ${inspection.preview.length} rows`
                        : `all ${inspection.preview.length} rows`}
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
                  Roles
                  <span className="tab-count">{roles.length} assigned</span>
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
            title={`Could not import ${session.fileName}`}
            error={run.state.error}
            note="Nothing was imported: the workspace is unchanged."
            onDismiss={run.reset}
            testId="import-error"
            compact
          />
        )}
        {run.state.status === 'cancelled' && (
          <div className="notice notice-compact" data-testid="import-cancelled">
            <strong>Import cancelled.</strong> <span className="muted">The workspace is unchanged.</span>
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
                <strong>Importing {session.fileName}</strong>
                <span className="muted">
                  {run.state.progress?.message ?? 'Starting…'}
                  {run.state.progress?.fraction != null ? ` · ${Math.round(run.state.progress.fraction * 100)}%` : ''}
                </span>
              </div>
              <ProgressBar fraction={run.state.progress?.fraction ?? null} label={`Importing ${session.fileName}`} />
              <button
                type="button"
                className="button"
                onClick={run.cancel}
                disabled={run.state.cancelling}
                data-testid="import-cancel"
              >
                {run.state.cancelling ? 'Cancelling…' : 'Cancel import'}
              </button>
            </div>
          ) : (
            <>
              {blocker && <span className="import-blocker muted">{blocker}</span>}
              <button type="button" className="button" onClick={onClose} data-testid="import-close">
                Cancel
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={!canImport}
                onClick={() => void confirm()}
                data-testid="import-confirm"
              >
                {inspection?.match ? 'Add snapshot' : 'Import'}
              </button>
            </>
          )}
        </div>
      </footer>
    </Modal>
  );
}
