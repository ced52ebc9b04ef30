import { IntegrationDetail } from '../integrations/IntegrationDetail';
import { IntegrationsPage } from '../integrations/IntegrationsPage';
import { InstallationList } from './InstallationList';
import { InstallationPage } from './InstallationPage';
import { hrefs } from './routes';
import type { ManagerRoute } from './routes';

/** The page for an integration or installation route (App.tsx owns the workflow routes). */
export function ManagerPage({ route }: { route: ManagerRoute }) {
  switch (route.page) {
    case 'integrations':
      return <IntegrationsPage />;
    case 'integration':
      return <IntegrationDetail key={route.id} id={route.id} />;
    case 'installations':
      return <InstallationList />;
    case 'installation':
      return <InstallationPage key={route.id} id={route.id} />;
    case 'fork':
      return (
        <div className="page-message" data-testid="fork-editor-pending">
          <p>User-specific versions open in the editor in a later build.</p>
          <a href={hrefs.installations}>Back to installations</a>
        </div>
      );
  }
}
