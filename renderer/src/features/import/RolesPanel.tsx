// Which column plays which canonical role: the engine's proposals, each correctable, grouped by the
// entity they describe. Analyses refer to roles, so this is what makes templates survive a change
// of CRM. Corrections are sent with the import and remembered for files of the same shape.
import { useEffect, useRef, useState } from 'react';
import type { ColumnPlan, RoleAssignment } from '../../../../shared/import/types';
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
  const byRole = new Map(roles.map((r) => [r.role, r]));
  const groups = roleGroupsFor(roles.map((r) => r.role));
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
  const wasProposed = new Map(proposed.filter((p) => !byRole.has(p.role)).map((p) => [p.role, p.column]));
  const unmapped = columns.filter((c) => !mapped.has(c.name));

  return (
    <div className="roles-panel" data-testid="roles-panel">
      <p className="roles-intro">
        Analyses refer to these roles, not to column names, so the same dashboards work on any CRM’s export.{' '}
        <strong>
          {mapped.size} of {columns.length} columns
        </strong>{' '}
        have a role. Your corrections are remembered for files with the same columns.
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
              <span className="muted">
                {assigned} of {g.roles.length} assigned
              </span>
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
                        <span className="role-id">{entry.id}</span>
                      </label>
                      <select
                        id={`role-${entry.id}`}
                        className="select select-compact"
                        value={a?.column ?? NONE}
                        disabled={disabled}
                        data-testid={`role-select-${entry.id}`}
                        onChange={(e) => onAssign(entry.id, e.target.value === NONE ? null : e.target.value)}
                      >
                        <option value={NONE}>— none —</option>
                        {columns.map((c) => (
                          <option key={c.index} value={c.name}>
                            {c.name}
                            {kindFits(entry, c.kind) ? '' : ` (${KIND_LABEL[c.kind]})`}
                          </option>
                        ))}
                      </select>
                      {a && !kindFits(entry, kindOf.get(a.column) ?? 'text') ? (
                        <span className="role-origin role-origin-mismatch" data-testid={`role-origin-${entry.id}`}>
                          {a.column} is {KIND_LABEL[kindOf.get(a.column) ?? 'text']}
                        </span>
                      ) : a ? (
                        <span
                          className={`role-origin role-origin-${a.origin}`}
                          title={`${a.reason} (${Math.round(a.confidence * 100)}% confidence)`}
                          data-testid={`role-origin-${entry.id}`}
                        >
                          {a.origin === 'detected' ? `${ORIGIN_LABEL.detected}, ${confidenceText(a.confidence)}` : ORIGIN_LABEL[a.origin]}
                        </span>
                      ) : wasProposed.has(entry.id) ? (
                        <span className="role-origin role-origin-removed" data-testid={`role-origin-${entry.id}`} title="Proposed by the detection, removed by you">
                          was {wasProposed.get(entry.id)}
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
            Columns without a role <span className="muted">{unmapped.length}</span>
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
                  aria-label={`Role of ${c.name}`}
                  data-testid={`column-role-${c.name}`}
                  onChange={(e) => e.target.value !== NONE && onAssign(e.target.value, c.name)}
                >
                  <option value={NONE}>Give it a role…</option>
                  {groups.map((g) => (
                    <optgroup key={g.entity} label={g.label}>
                      {g.roles.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.label}
                          {byRole.has(r.id) ? ` (now ${byRole.get(r.id)!.column})` : ''}
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
