import { useEffect, useState } from 'react';
import { ConnectionsPage } from './connections/ConnectionsPage';
import { EditorPage } from './editor/EditorPage';
import { AppNav } from './integrations/AppNav';
import { ManagerPage } from './installations/ManagerPage';
import { readManagerRoute, type ManagerRoute } from './installations/routes';
import { RunsPage } from './runs/RunsPage';
import { ServersPage } from './settings/ServersPage';
import { WorkflowList } from './workflows/WorkflowList';

type Route =
  | { readonly page: 'list' }
  | { readonly page: 'editor'; readonly id: string }
  | { readonly page: 'manager'; readonly route: ManagerRoute };

// Hash routes keep the open workflow across a reload without any server-side routing.
function readRoute(): Route {
  const manager = readManagerRoute(window.location.hash);
  if (manager) return { page: 'manager', route: manager };
  const m = /^#\/w\/([^/]+)$/.exec(window.location.hash);
  return m?.[1] ? { page: 'editor', id: decodeURIComponent(m[1]) } : { page: 'list' };
}

export function App() {
  const [route, setRoute] = useState<Route>(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (hash: string) => {
    window.location.hash = hash;
  };
  if (route.page === 'manager') return <ManagerPage route={route.route} />;
  if (window.location.hash === '#/connections') return <ConnectionsPage />;
  if (window.location.hash === '#/runs') return <RunsPage />;
  if (window.location.hash === '#/settings/servers' || window.location.hash === '#/settings') return <ServersPage />;
  return route.page === 'editor' ? (
    <EditorPage key={route.id} workflowId={route.id} onBack={() => go('#/')} />
  ) : (
    <>
      <AppNav current="workflows" />
      <WorkflowList onOpen={(id) => go(`#/w/${encodeURIComponent(id)}`)} />
    </>
  );
}
