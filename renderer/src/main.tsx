import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { CatalogGate } from './catalog/CatalogGate';
import { createClient, type Transport } from './client';
import { ClientProvider } from './client/context';

const root = createRoot(document.getElementById('root') ?? document.body);

let client: Transport | null = null;
let startError: string | null = null;
try {
  client = createClient();
} catch (e) {
  startError = e instanceof Error ? e.message : String(e);
}

root.render(
  <StrictMode>
    {client ? (
      <ClientProvider client={client}>
        <CatalogGate>
          <App />
        </CatalogGate>
      </ClientProvider>
    ) : (
      <div className="page-message" role="alert">{startError}</div>
    )}
  </StrictMode>,
);
