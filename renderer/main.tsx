import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClientForWindow } from './api/create-client';
import { de } from './i18n/de';
import { OfflineDb } from './offline/db';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const started = createClientForWindow(window);
if ('client' in started) {
  root.render(
    <StrictMode>
      <App client={started.client} db={new OfflineDb()} />
    </StrictMode>,
  );
} else {
  root.render(
    <main className="boot">
      <p className="notice notice-error" role="alert">
        {de.app.missingToken}
      </p>
    </main>,
  );
}
