// One source: its header and the Data / Profile / Chart tabs.
import { useState, type ReactNode } from 'react';
import type { QdError, SourceInfo } from '../../../../shared/api';
import type { MessageKey } from '../../../../shared/i18n';
import { ChartTab } from '../builder/ChartTab';
import { ProfileTab } from '../profile/ProfileTab';
import { DataTab } from '../table/DataTab';
import { useT } from '../../i18n/I18nProvider';
import { Tabs } from '../../ui/Tabs';
import { SourceHeader } from './SourceHeader';

export type SourceTab = 'data' | 'profile' | 'chart';

const TAB_LABEL: Record<SourceTab, MessageKey> = {
  data: 'sources.tabData',
  profile: 'sources.tabProfile',
  chart: 'sources.tabChart',
};
const TAB_IDS: readonly SourceTab[] = ['data', 'profile', 'chart'];

interface SourceViewProps {
  source: SourceInfo;
  tab: SourceTab;
  onTabChange: (tab: SourceTab) => void;
  onRemove?: (name: string) => Promise<QdError | null>;
}

export function SourceView({ source, tab, onTabChange, onRemove }: SourceViewProps) {
  const t = useT();
  const tabs = TAB_IDS.map((id) => ({ id, label: t(TAB_LABEL[id]) }));
  // Tabs mount on first visit and then stay mounted (hidden), so a chart being built or a scroll
  // position survives a look at another tab.
  const [visited, setVisited] = useState<ReadonlySet<SourceTab>>(() => new Set([tab]));
  if (!visited.has(tab)) setVisited(new Set([...visited, tab]));
  const panel = (id: SourceTab, node: ReactNode) =>
    visited.has(id) && (
      <div className="tab-panel" role="tabpanel" hidden={tab !== id} key={id}>
        {node}
      </div>
    );
  return (
    <section className="source-view">
      <SourceHeader source={source} {...(onRemove ? { onRemove } : {})} />
      <Tabs tabs={tabs} active={tab} onChange={onTabChange} />
      {TAB_IDS.map((id) =>
        panel(id, id === 'data' ? <DataTab source={source} /> : id === 'profile' ? <ProfileTab source={source} /> : <ChartTab source={source} />),
      )}
    </section>
  );
}
