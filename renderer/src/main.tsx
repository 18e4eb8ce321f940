import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBackend } from './api/client';
import { App } from './app/App';
import { BackendProvider } from './app/backend-context';
import { SettingsProvider } from './app/settings-context';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';
import './app/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <BackendProvider backend={createBackend()}>
        <SettingsProvider>
          <App />
        </SettingsProvider>
      </BackendProvider>
    </I18nProvider>
  </StrictMode>,
);
