// Which column plays which canonical role: the engine's proposals, each correctable, grouped by the
// entity they describe. Analyses refer to roles, so this is what makes templates survive a change
// of CRM. Corrections are sent with the import and remembered for files of the same shape.
import { useEffect, useRef, useState } from 'react';
import type { ColumnPlan, RoleAssignment, ValueKind } from '../../../../shared/import/types';
import { engineText } from '../../../../shared/i18n';
import { Message, useT } from '../../i18n/I18nProvider';
import { confidenceText, KIND_LABEL, ORIGIN_LABEL } from './import-model';
import { kindFits, roleGroupsFor } from './role-catalog';

interface RolesPanelProps {
  columns: readonly ColumnPlan[];
  roles: readonly RoleAssignment[];
  /** The engine's proposals, to say what a correction replaced. */
  proposed: readonly RoleAssignment[];
  onAssign: (role: string, column: string | null) => void;
  /** A role id to bring into view, or `column:<name>` for a column without a role. */
  focusRole: string | null;
  disabled: boolean;
}

const NONE = '';

export function RolesPanel({ columns, roles, proposed, onAssign, focusRole, disabled }: RolesPanelProps) {
  const t = useT();
  const byRole = new Map(roles.map((r) => [r.role, r]));
  const groups = roleGroupsFor(t, roles.map((r) => r.role));
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(groups.filter((g) => g.roles.some((r) => byRole.has(r.id))).map((g) => g.entity).concat(groups.length > 0 ? [groups[0]!.entity] : [])),
  );
  const focusRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!focusRole) return;
    const group = groups.find((g) => g.roles.some((r) => r.id === focusRole));
    if (group && !open.has(group.entity)) setOpen(new Set([...open, group.entity]));
    focusRef.current?.scrollIntoView({ block: 'center' });
    focusRef.current?.querySelector('select')?.focus();
    // Only when the focused role changes, not on every render.
  }, [focusRole]);

  const mapped = new Set(roles.map((r) => r.column));
  const kindOf = new Map(columns.map((c) => [c.name, c.kind]));
  const kindOfColumn = (name: string): ValueKind => kindOf.get(name) ?? 'text';
  const wasProposed = new Map(proposed.filter((p) => !byRole.has(p.role)).map((p) => [p.role, p.column]));
  const unmapped = columns.filter((c) => !mapped.has(c.name));

  return (
    <div className="roles-panel" data-testid="roles-panel">
      <p className="roles-intro">
        <Message id="import.rolesIntro" values={{ mapped: mapped.size, total: columns.length }} />
      </p>
      {groups.map((g) => {
        const isOpen = open.has(g.entity);
        const assigned = g.roles.filter((r) => byRole.has(r.id)).length;
        return (
          <section key={g.entity} className="roles-group" data-testid={`roles-group-${g.entity}`}>
            <button
              type="button"
              className="roles-group-head"
              aria-expanded={isOpen}
              onClick={() => {
                const next = new Set(open);
                if (isOpen) next.delete(g.entity);
                else next.add(g.entity);
                setOpen(next);
              }}
            >
              <span className="roles-group-caret" aria-hidden="true">
                {isOpen ? '▾' : '▸'}
              </span>
              {g.label}
              <span className="muted">{t('import.groupAssigned', { assigned, total: g.roles.length })}</span>
            </button>
            {isOpen && (
              <div className="roles-grid">
                {g.roles.map((entry) => {
                  const a = byRole.get(entry.id);
                  return (
                    <div
                      key={entry.id}
                      ref={entry.id === focusRole ? focusRef : undefined}
                      className={`role-row ${a ? '' : 'role-row-empty'} ${entry.id === focusRole ? 'role-row-focus' : ''}`}
                      data-testid={`role-row-${entry.id}`}
                    >
                      <label className="role-label" htmlFor={`role-${entry.id}`} title={entry.description}>
                        {entry.label}
                        <span className="role-id" translate="no">
                          {entry.id}
                        </span>
                      </label>
                      <select
                        id={`role-${entry.id}`}
                        className="select select-compact"
                        value={a?.column ?? NONE}
                        disabled={disabled}
                        data-testid={`role-select-${entry.id}`}
                        onChange={(e) => onAssign(entry.id, e.target.value === NONE ? null : e.target.value)}
                      >
                        <option value={NONE}>{t('import.roleNone')}</option>
                        {columns.map((c) => (
                          <option key={c.index} value={c.name}>
                            {kindFits(entry, c.kind) ? c.name : t('import.columnOfKind', { column: c.name, kind: t(KIND_LABEL[c.kind]) })}
                          </option>
                        ))}
                      </select>
                      {a && !kindFits(entry, kindOfColumn(a.column)) ? (
                        <span className="role-origin role-origin-mismatch" data-testid={`role-origin-${entry.id}`}>
                          {t('import.kindMismatch', { column: a.column, kind: t(KIND_LABEL[kindOfColumn(a.column)]) })}
                        </span>
                      ) : a ? (
                        <span
                          className={`role-origin role-origin-${a.origin}`}
                          title={t('import.originTitle', { reason: engineText(t, a.reasonText, a.reason), confidence: a.confidence })}
                          data-testid={`role-origin-${entry.id}`}
                        >
                          {a.origin === 'detected'
                            ? t('import.originDetectedWith', { confidence: confidenceText(t, a.confidence) })
                            : t(ORIGIN_LABEL[a.origin])}
                        </span>
                      ) : wasProposed.has(entry.id) ? (
                        <span className="role-origin role-origin-removed" data-testid={`role-origin-${entry.id}`} title={t('import.removedTitle')}>
                          {t('import.wasColumn', { column: wasProposed.get(entry.id) ?? '' })}
                        </span>
                      ) : (
                        <span className="role-origin role-origin-none" />
                      )}
                    </div>
                  );
                })}
              </div>
            )}
          </section>
        );
      })}
      {unmapped.length > 0 && (
        <section className="roles-group">
          <div className="roles-group-head roles-group-static">
            {t('import.unmappedTitle')} <span className="muted">{unmapped.length}</span>
          </div>
          <div className="roles-grid">
            {unmapped.map((c) => (
              <div
                key={c.index}
                ref={focusRole === `column:${c.name}` ? focusRef : undefined}
                className={`role-row role-row-empty ${focusRole === `column:${c.name}` ? 'role-row-focus' : ''}`}
                data-testid={`unmapped-${c.name}`}
              >
                <span className="role-label" title={c.header || c.name}>
                  {c.name}
                </span>
                <select
                  className="select select-compact"
                  value={NONE}
                  disabled={disabled}
                  aria-label={t('import.roleOfColumn', { column: c.name })}
                  data-testid={`column-role-${c.name}`}
                  onChange={(e) => e.target.value !== NONE && onAssign(e.target.value, c.name)}
                >
                  <option value={NONE}>{t('import.giveItRole')}</option>
                  {groups.map((g) => (
                    <optgroup key={g.entity} label={g.label}>
                      {g.roles.map((r) => (
                        <option key={r.id} value={r.id}>
                          {byRole.has(r.id) ? t('import.roleNowOn', { role: r.label, column: byRole.get(r.id)!.column }) : r.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <span className="role-origin role-origin-none" />
              </div>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
