import { IntegrationDetail } from '../integrations/IntegrationDetail';
import { IntegrationsPage } from '../integrations/IntegrationsPage';
import { UserVersionEditorPage } from './user-version/UserVersionEditorPage';
import { InstallationList } from './InstallationList';
import { InstallationPage } from './InstallationPage';
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
    case 'userVersion':
      return <UserVersionEditorPage key={route.id} userVersionId={route.id} />;
  }
}
