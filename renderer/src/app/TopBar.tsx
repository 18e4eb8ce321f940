import { LanguagePicker } from '../i18n/LanguagePicker';
import { useT } from '../i18n/I18nProvider';
import { DatabaseIcon } from '../ui/icons';
import type { MessageKey } from '../../../shared/i18n';

/** The app's main sections, in the order of the navigation. */
export const VIEWS = ['home', 'dashboards', 'reviews', 'templates', 'forecast', 'data'] as const;
export type View = (typeof VIEWS)[number];

const VIEW_LABELS: Record<View, MessageKey> = {
  home: 'app.navHome',
  dashboards: 'app.navDashboards',
  forecast: 'app.navForecast',
  data: 'app.navData',
  reviews: 'review.nav',
  templates: 'templates.nav',
};

interface TopBarProps {
  workspaceName: string | null;
  view: View;
  onViewChange(view: View): void;
}

export function TopBar({ workspaceName, view, onViewChange }: TopBarProps) {
  const t = useT();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          Q
        </span>
        <span className="brand-name">{t('app.brandName')}</span>
      </div>
      <nav className="topbar-nav" aria-label={t('app.navLabel')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={`topbar-nav-item ${v === view ? 'topbar-nav-item-active' : ''}`}
            aria-current={v === view ? 'page' : undefined}
            data-testid={`nav-${v}`}
            onClick={() => onViewChange(v)}
          >
            {t(VIEW_LABELS[v])}
          </button>
        ))}
      </nav>
      <div className="topbar-end">
        {workspaceName && (
          <div className="topbar-workspace" title={t('app.workspace')} data-testid="workspace-name">
            <DatabaseIcon />
            {workspaceName}
          </div>
        )}
        <LanguagePicker />
      </div>
    </header>
  );
}
