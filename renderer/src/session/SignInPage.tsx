import { useState, type FormEvent } from 'react';
import { signIn, SignInError, type Credentials, type SignedIn } from './api';
import './session.css';

/**
 * Shown when the bridge asks for a sign-in (`auth_required`): a user's name and password, or an
 * API key pasted instead; either gets a session cookie.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (who: SignedIn) => void }) {
  const [withKey, setWithKey] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const credentials: Credentials | null = withKey ? (key.trim() ? { key: key.trim() } : null) : (name.trim() && password ? { name: name.trim(), password } : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!credentials) return;
    setBusy(true);
    setError(null);
    signIn(credentials).then(
      (who) => onSignedIn(who),
      (err: unknown) => {
        setBusy(false);
        setPassword('');
        setError(err instanceof SignInError || err instanceof Error ? err.message : String(err));
      },
    );
  };
  const switchTo = (useKey: boolean) => {
    setWithKey(useKey);
    setError(null);
  };
  return (
    <main className="sign-in" data-testid="sign-in">
      <form onSubmit={submit}>
        <h1>Sign in to Patchbay</h1>
        {withKey ? (
          <>
            <p className="muted">Paste the API key an administrator created for you (<code>patchbay apikeys create --name &lt;you&gt;</code>). It starts with <code>pb_</code>.</p>
            <label>
              API key
              <input type="password" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} data-testid="sign-in-key" autoFocus />
            </label>
          </>
        ) : (
          <>
            <p className="muted">Your name and password, as an administrator set them up (<code>patchbay users add &lt;name&gt;</code>).</p>
            <label>
              Name
              <input autoComplete="username" spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} data-testid="sign-in-name" autoFocus />
            </label>
            <label>
              Password
              <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
            </label>
          </>
        )}
        {error && <p className="sign-in-error" role="alert" data-testid="sign-in-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy || !credentials} data-testid="sign-in-submit">{busy ? 'Signing in…' : 'Sign in'}</button>
        <button type="button" className="link-button" onClick={() => switchTo(!withKey)} data-testid="sign-in-switch">
          {withKey ? 'Sign in with a name and password instead' : 'Sign in with an API key instead'}
        </button>
      </form>
    </main>
  );
}
