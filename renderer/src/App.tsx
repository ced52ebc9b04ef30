import { useEffect, useState } from 'react';
import { EditorPage } from './editor/EditorPage';
import { WorkflowList } from './workflows/WorkflowList';

type Route = { readonly page: 'list' } | { readonly page: 'editor'; readonly id: string };

// Hash routes keep the open workflow across a reload without any server-side routing.
function readRoute(): Route {
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
  return route.page === 'editor' ? (
    <EditorPage key={route.id} workflowId={route.id} onBack={() => go('#/')} />
  ) : (
    <WorkflowList onOpen={(id) => go(`#/w/${encodeURIComponent(id)}`)} />
  );
}
