import { hrefs } from '../installations/routes';
import '../installations/installations.css';
import { SessionMenu } from '../session/SessionMenu';

export type NavSection = 'workflows' | 'integrations' | 'installations' | 'runs' | 'connections' | 'settings';

const items: readonly { section: NavSection; label: string; href: string }[] = [
  { section: 'workflows', label: 'Workflows', href: hrefs.workflows },
  { section: 'integrations', label: 'Integrations', href: hrefs.integrations },
  { section: 'installations', label: 'Installations', href: hrefs.installations },
  { section: 'runs', label: 'Runs', href: '#/runs' },
  { section: 'connections', label: 'Connections', href: hrefs.connections },
  { section: 'settings', label: 'Settings', href: hrefs.servers },
];

/** The bar above every list page: the places a user starts from. */
export function AppNav({ current }: { current: NavSection }) {
  return (
    <nav className="app-nav" aria-label="Sections" data-testid="app-nav">
      <span className="brand">Patchbay</span>
      {items.map((i) => (
        <a key={i.section} href={i.href} className={i.section === current ? 'active' : undefined} data-testid={`nav-${i.section}`}
          aria-current={i.section === current ? 'page' : undefined}>
          {i.label}
        </a>
      ))}
      <SessionMenu />
    </nav>
  );
}
