import { useState, type FormEvent } from 'react';
import { signIn, SignInError, type SignedIn } from './api';
import './session.css';

/** Shown when the bridge asks for an API key (`auth_required`): paste a key, get a session. */
export function SignInPage({ onSignedIn }: { onSignedIn: (who: SignedIn) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    signIn(key.trim()).then(
      (who) => onSignedIn(who),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof SignInError || err instanceof Error ? err.message : String(err));
      },
    );
  };
  return (
    <main className="sign-in" data-testid="sign-in">
      <form onSubmit={submit}>
        <h1>Sign in to Patchbay</h1>
        <p className="muted">Paste the API key an administrator created for you (<code>patchbay apikeys create --name &lt;you&gt;</code>). It starts with <code>pb_</code>.</p>
        <label>
          API key
          <input type="password" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} data-testid="sign-in-key" autoFocus />
        </label>
        {error && <p className="sign-in-error" role="alert" data-testid="sign-in-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy || key.trim() === ''} data-testid="sign-in-submit">{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
