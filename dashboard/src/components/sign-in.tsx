/** The sign-in form: an API token (from `ileanet demo` or `ileanet token create`), checked against /api/me. */
import { type FormEvent, useState } from 'react';
import { ApiProblem, apiGet } from '../lib/api-client.js';
import { setToken, signOutReason } from '../lib/token.js';
import type { Me } from '../lib/types.js';

export function SignIn() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(signOutReason);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() === '') {
      setError('Paste the API token first.');
      return;
    }
    setBusy(true);
    try {
      // Checked before it is kept: a refused token never reaches sessionStorage.
      await apiGet<Me>('/api/me', undefined, undefined, value.trim());
      setToken(value);
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>ileanet</h1>
      <p>Matchmaking and analytics for the law-enforcement innovation network.</p>
      <form onSubmit={submit} aria-describedby={error === undefined ? undefined : 'sign-in-error'}>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        {error === undefined ? null : (
          <p id="sign-in-error" className="state state-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p className="muted">
        <code>npm run demo</code> prints demo tokens; <code>ileanet token create --role officer</code> makes one. The
        token stays in this browser tab only.
      </p>
    </main>
  );
}
