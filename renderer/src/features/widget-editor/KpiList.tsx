// The catalog KPIs a widget can show, with search: name, definition, what they need. One click
// adds the KPI to Values (or drag it there); a KPI the source cannot compute says which roles it lacks.
import { useState, type DragEvent } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { kpiMissingRoles, kpiRoles, measureKpis } from './editor-model';
import { foldText } from './fields';
import { kpiText, roleLabel } from './labels';
import { SearchBox } from './SearchBox';

interface KpiListProps {
  source: SourceInfo | null;
  onAdd(kpi: string): void;
  onDragStart(kpi: string): void;
  onDragEnd(): void;
}

export function KpiList({ source, onAdd, onDragStart, onDragEnd }: KpiListProps) {
  const t = useT();
  const { language } = useLanguage();
  const [query, setQuery] = useState('');
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const kpis = measureKpis().filter((k) => {
    const text = kpiText(t, k.id);
    const hay = foldText(`${text.label} ${text.meaning} ${k.id}`);
    return words.every((w) => hay.includes(w));
  });
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  const startDrag = (id: string) => (e: DragEvent) => {
    e.dataTransfer.effectAllowed = 'copy';
    e.dataTransfer.setData('text/plain', id);
    onDragStart(id);
  };

  return (
    <div className="we-field-list">
      <SearchBox value={query} onChange={setQuery} label={t('editor.searchKpis')} testId="kpi-search" />
      <div className="we-field-scroll" role="list" aria-label={t('editor.kpis')}>
        {kpis.map((k) => {
          const text = kpiText(t, k.id);
          const missing = source ? kpiMissingRoles(k, source.roles) : kpiRoles(k);
          const needs = list.format(kpiRoles(k).map((r) => roleLabel(t, r)));
          return (
            <div key={k.id} role="listitem" className="we-kpi" draggable={missing.length === 0} onDragStart={startDrag(k.id)} onDragEnd={onDragEnd}>
              <button type="button" className="we-kpi-main" disabled={missing.length > 0} data-testid={`kpi-${k.id}`} onClick={() => onAdd(k.id)}>
                <span className="we-kpi-label">{text.label}</span>
                <span className="we-kpi-meaning">{text.meaning}</span>
                <span className="we-kpi-needs">
                  {missing.length > 0
                    ? t('editor.kpiMissing', { roles: list.format(missing.map((r) => roleLabel(t, r))) })
                    : kpiRoles(k).length > 0
                      ? t('editor.kpiNeeds', { source: t('editor.kpiSourceDeals'), roles: needs })
                      : t('editor.kpiNeedsSource', { source: t('editor.kpiSourceDeals') })}
                </span>
              </button>
            </div>
          );
        })}
        {kpis.length === 0 && <div className="we-empty">{t('editor.noKpiMatches')}</div>}
      </div>
    </div>
  );
}
