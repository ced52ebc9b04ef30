import { useSession } from './context';

/** Who is signed in, with their role, and Sign out; nothing in browser mode, where there is no sign-in. */
export function SessionMenu() {
  const session = useSession();
  if (!session) return null;
  return (
    <span className="session-menu">
      <span className="muted" data-testid="signed-in-as">{session.who.name}</span>
      <span className="badge" data-testid="signed-in-role" title="What this role may do: viewer reads; operator also runs, activates and pauses; admin does everything">{session.who.role}</span>
      <button type="button" className="small" onClick={session.signOut} data-testid="sign-out">Sign out</button>
    </span>
  );
}
