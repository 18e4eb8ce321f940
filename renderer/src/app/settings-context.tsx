// The workspace's display settings (number/date locale, currency, theme) for every feature: read
// once from the workspace, saved back there, the theme applied as data-theme on <html> so that the
// CSS variables of the dark palette (theme.css) take over everywhere at once.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { QdError } from '../../../shared/api';
import { DEFAULT_SETTINGS, type WorkspaceSettings } from '../../../shared/dashboard/types';
import { createFormats, type Formats } from '../ui/format';
import { useBackend } from './backend-context';

export interface SettingsState {
  settings: WorkspaceSettings;
  /** False until the workspace answered (defaults apply meanwhile). */
  loaded: boolean;
  /** Saves some settings; they apply at once, and the workspace keeps them. Resolves to the error, if any. */
  save(patch: Partial<WorkspaceSettings>): Promise<QdError | null>;
}

const SettingsContext = createContext<SettingsState>({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  save: async () => null,
});

/** Sets the theme on the document root: the stylesheet's variables follow. */
export function applyTheme(theme: WorkspaceSettings['theme']): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const { api } = useBackend();
  const [settings, setSettings] = useState<WorkspaceSettings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  // Changes made before the workspace answered win over what it answers.
  const touched = useRef(false);

  useEffect(() => {
    let live = true;
    void api.getSettings().then((r) => {
      if (!live) return;
      if (r.ok && !touched.current) setSettings({ ...DEFAULT_SETTINGS, ...r.value });
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  const save = useCallback(
    async (patch: Partial<WorkspaceSettings>): Promise<QdError | null> => {
      touched.current = true;
      setSettings((s) => ({ ...s, ...patch }));
      const r = await api.saveSettings(patch);
      if (!r.ok) return r.error;
      setSettings({ ...DEFAULT_SETTINGS, ...r.value });
      return null;
    },
    [api],
  );

  const value = useMemo(() => ({ settings, loaded, save }), [settings, loaded, save]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  return useContext(SettingsContext);
}

/** The number, money and date formatters of the workspace's settings. */
export function useFormats(): Formats {
  const { settings } = useSettings();
  return useMemo(() => createFormats({ locale: settings.locale, currency: settings.currency }), [settings.locale, settings.currency]);
}
