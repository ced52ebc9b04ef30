import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { CatalogGate } from './catalog/CatalogGate';
import { createHttpTransport } from './client/http';
import { ClientProvider } from './client/context';
import { takeSessionToken } from './client/token';
import { SessionGate } from './session/SessionGate';

const root = createRoot(document.getElementById('root') ?? document.body);

// With the token `patchbay serve` printed (browser mode, the desktop app) the page talks to the
// bridge with it; without one, Patchbay may be serving a team: sign in as a user or with an API key.
const token = takeSessionToken();
const app = (
  <CatalogGate>
    <App />
  </CatalogGate>
);

root.render(
  <StrictMode>
    {token ? <ClientProvider client={createHttpTransport(token)}>{app}</ClientProvider> : <SessionGate>{app}</SessionGate>}
  </StrictMode>,
);
