// The first rows as they will be imported (converted by the engine), one column per plan: its final
// name, its kind (overridable), the format read and the role it plays.
import { useMemo } from 'react';
import type { ImportInspection, RoleAssignment, ValueKind } from '../../../../shared/import/types';
import { VALUE_KINDS } from '../../../../shared/import/types';
import { columnFormatText, kindFamily, KIND_LABEL, previewCellText, previewDecimals, withColumnKind, type FixedSettings } from './import-model';
import { roleEntry } from './role-catalog';

interface ImportPreviewProps {
  inspection: ImportInspection;
  fixed: FixedSettings;
  onChange: (fixed: FixedSettings) => void;
  roles: readonly RoleAssignment[];
  /** A role id, or `column:<name>` for a column without a role. */
  onRoleClick: (target: string) => void;
  disabled: boolean;
}

export function ImportPreview({ inspection, fixed, onChange, roles, onRoleClick, disabled }: ImportPreviewProps) {
  const { columns, preview, settings } = inspection;
  const roleOf = useMemo(() => new Map(roles.map((r) => [r.column, r])), [roles]);
  const decimals = useMemo(
    () => columns.map((c, i) => previewDecimals(preview.map((row) => row[i] ?? null), c.kind)),
    [columns, preview],
  );
  if (columns.length === 0) return <div className="import-preview-empty">No columns were found in this file.</div>;

  return (
    <div className="import-preview" data-testid="import-preview-table" role="region" aria-label="Preview of the import" tabIndex={0}>
      <table className="import-preview-table">
        <thead>
          <tr>
            <th className="import-preview-gutter" aria-label="Row" />
            {columns.map((c) => {
              const userKind = fixed.columnKinds?.[c.name];
              const role = roleOf.get(c.name);
              const formatText = columnFormatText(c, settings);
              const numeric = kindFamily(c.kind) === 'number';
              return (
                <th key={c.index} className={numeric ? 'num' : undefined} data-column={c.name} scope="col">
                  <div className="preview-head">
                    <div className="preview-head-name" title={c.header && c.header !== c.name ? `Header in the file: ${c.header}` : c.name}>
                      {c.name}
                    </div>
                    {c.header && c.header !== c.name && <div className="preview-head-orig">from “{c.header}”</div>}
                    <div className="preview-head-line">
                      <select
                        className={`kind-select type-${kindFamily(c.kind)} ${userKind ? 'kind-select-fixed' : ''}`}
                        value={c.kind}
                        disabled={disabled}
                        aria-label={`Type of ${c.name}`}
                        title={userKind ? 'Type set by you' : 'Detected type: change it to read the column differently'}
                        data-testid={`column-kind-${c.name}`}
                        onChange={(e) => onChange(withColumnKind(fixed, c.name, e.target.value as ValueKind))}
                      >
                        {VALUE_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {KIND_LABEL[k]}
                          </option>
                        ))}
                      </select>
                      {userKind && (
                        <button
                          type="button"
                          className="icon-button"
                          title="Detect the type again"
                          aria-label={`Detect the type of ${c.name} again`}
                          disabled={disabled}
                          data-testid={`column-kind-reset-${c.name}`}
                          onClick={() => onChange(withColumnKind(fixed, c.name, undefined))}
                        >
                          ↺
                        </button>
                      )}
                      {formatText && (
                        <span className="preview-head-format" title={c.format ?? undefined} data-testid={`column-format-${c.name}`}>
                          {formatText}
                        </span>
                      )}
                    </div>
                    <div className="preview-head-line">
                      {role ? (
                        <button
                          type="button"
                          className={`role-chip role-chip-${role.origin}`}
                          title={`${roleEntry(role.role).label}: ${role.reason}`}
                          data-testid={`role-chip-${c.name}`}
                          onClick={() => onRoleClick(role.role)}
                        >
                          {roleEntry(role.role).label}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="role-chip role-chip-none"
                          title="Give this column a role"
                          disabled={disabled}
                          onClick={() => onRoleClick(`column:${c.name}`)}
                        >
                          + role
                        </button>
                      )}
                      {c.failed > 0 && (
                        <span className="preview-head-failed" title={`${c.failed} of ${c.nonEmpty} values could not be read as ${KIND_LABEL[c.kind]}`}>
                          {c.failed.toLocaleString('en-US')} unreadable
                        </span>
                      )}
                    </div>
                  </div>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.map((row, r) => (
            <tr key={r}>
              <td className="import-preview-gutter">{r + 1}</td>
              {columns.map((c, i) => {
                const v = row[i] ?? null;
                const numeric = kindFamily(c.kind) === 'number';
                return (
                  <td key={c.index} className={`${numeric ? 'num' : ''} ${v === null ? 'cell-empty' : ''}`} title={v ?? 'empty'}>
                    {previewCellText(v, c.kind, decimals[i] ?? 0)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.length === 0 && <div className="import-preview-empty">The file has a header but no data rows.</div>}
    </div>
  );
}
