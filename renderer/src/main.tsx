import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBackend } from './api/client';
import { App } from './app/App';
import { BackendProvider } from './app/backend-context';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <BackendProvider backend={createBackend()}>
      <App />
    </BackendProvider>
  </StrictMode>,
);
