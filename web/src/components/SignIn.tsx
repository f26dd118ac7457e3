/** Sign-in with an API key, shown when the server requires keys (GET /v1/me answered 401). */
import { useState } from 'react';
import { ErrorNote } from './ui.tsx';

export function SignIn({ onKey, error }: { readonly onKey: (key: string) => void; readonly error?: unknown }) {
  const [key, setKey] = useState('');
  return (
    <main className="page signin">
      <h1>Driftwatch</h1>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim() !== '') onKey(key.trim());
        }}
      >
        <h2>Sign in</h2>
        <p className="muted">This server requires an API key. It is kept for this browser tab only (session storage) and sent with each request.</p>
        <label className="field">
          <span>API key</span>
          <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} autoFocus required />
        </label>
        {error !== undefined ? <ErrorNote error={error} prefix="That key was refused:" /> : null}
        <button type="submit" className="btn btn-primary">Sign in</button>
      </form>
    </main>
  );
}
