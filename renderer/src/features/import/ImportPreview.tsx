// The first rows as they will be imported (converted by the engine), one column per plan: its final
// name, its kind (overridable), the format read and the role it plays.
import { useMemo } from 'react';
import type { ImportInspection, RoleAssignment, ValueKind } from '../../../../shared/import/types';
import { VALUE_KINDS } from '../../../../shared/import/types';
import { engineText } from '../../../../shared/i18n';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
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
  const t = useT();
  const formats = useFormats();
  const { columns, preview, settings } = inspection;
  const roleOf = useMemo(() => new Map(roles.map((r) => [r.column, r])), [roles]);
  const decimals = useMemo(
    () => columns.map((c, i) => previewDecimals(preview.map((row) => row[i] ?? null), c.kind)),
    [columns, preview],
  );
  if (columns.length === 0) return <div className="import-preview-empty">{t('import.noColumns')}</div>;

  return (
    <div className="import-preview" data-testid="import-preview-table" role="region" aria-label={t('import.previewLabel')} tabIndex={0}>
      <table className="import-preview-table">
        <thead>
          <tr>
            <th className="import-preview-gutter" aria-label={t('import.rowHeader')} />
            {columns.map((c) => {
              const userKind = fixed.columnKinds?.[c.name];
              const role = roleOf.get(c.name);
              const formatText = columnFormatText(t, c, settings);
              const numeric = kindFamily(c.kind) === 'number';
              return (
                <th key={c.index} className={numeric ? 'num' : undefined} data-column={c.name} scope="col">
                  <div className="preview-head">
                    <div className="preview-head-name" title={c.header && c.header !== c.name ? t('import.headerInFile', { header: c.header }) : c.name}>
                      {c.name}
                    </div>
                    {c.header && c.header !== c.name && <div className="preview-head-orig">{t('import.fromHeader', { header: c.header })}</div>}
                    <div className="preview-head-line">
                      <select
                        className={`kind-select type-${kindFamily(c.kind)} ${userKind ? 'kind-select-fixed' : ''}`}
                        value={c.kind}
                        disabled={disabled}
                        aria-label={t('import.typeOfColumn', { column: c.name })}
                        title={userKind ? t('import.kindFixedTitle') : t('import.kindDetectedTitle')}
                        data-testid={`column-kind-${c.name}`}
                        onChange={(e) => onChange(withColumnKind(fixed, c.name, e.target.value as ValueKind))}
                      >
                        {VALUE_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {t(KIND_LABEL[k])}
                          </option>
                        ))}
                      </select>
                      {userKind && (
                        <button
                          type="button"
                          className="icon-button"
                          title={t('import.detectAgainTitle')}
                          aria-label={t('import.detectAgainLabel', { column: c.name })}
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
                          title={t('import.roleChipTitle', { role: roleEntry(t, role.role).label, reason: engineText(t, role.reasonText, role.reason) })}
                          data-testid={`role-chip-${c.name}`}
                          onClick={() => onRoleClick(role.role)}
                        >
                          {roleEntry(t, role.role).label}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="role-chip role-chip-none"
                          title={t('import.giveRoleTitle')}
                          disabled={disabled}
                          onClick={() => onRoleClick(`column:${c.name}`)}
                        >
                          {t('import.addRole')}
                        </button>
                      )}
                      {c.failed > 0 && (
                        <span
                          className="preview-head-failed"
                          title={t('import.unreadableTitle', { failed: c.failed, nonEmpty: c.nonEmpty, kind: t(KIND_LABEL[c.kind]) })}
                        >
                          {t('import.unreadable', { count: c.failed })}
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
                  <td key={c.index} className={`${numeric ? 'num' : ''} ${v === null ? 'cell-empty' : ''}`} title={v ?? t('import.emptyCell')}>
                    {previewCellText(v, c.kind, decimals[i] ?? 0, formats)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.length === 0 && <div className="import-preview-empty">{t('import.noDataRows')}</div>}
    </div>
  );
}
