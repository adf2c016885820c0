import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { fetchServerInfo, startSession } from '../api.ts';
import { Link, navigate } from '../router.tsx';

export function HomePage() {
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const info = useQuery({ queryKey: ['demo', 'info'], queryFn: ({ signal }) => fetchServerInfo(signal) });
  const inputId = useId();
  const hintId = useId();

  async function verify() {
    setStarting(true);
    setFailure(undefined);
    try {
      const { url } = await startSession();
      // The hosted verification page (Didit's, or the mock's); it redirects back to /callback.
      window.location.assign(url);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setStarting(false);
    }
  }

  function lookUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = new FormData(event.currentTarget).get('session-id');
    if (typeof id === 'string' && id.trim()) navigate(`/sessions/${encodeURIComponent(id.trim())}`);
  }

  return (
    <>
      <h1>Identity verification, end to end</h1>
      <p className="lead">
        This page never sees a Didit credential. Its server creates the session, the browser goes to the hosted
        verification page, and the result comes back through the server’s proxy route, validated by the same{' '}
        <code>DiditClient</code> that runs on the server.
      </p>
      <p className="muted" role="status" data-mode={info.data?.mode}>
        {info.data?.mode === 'mock'
          ? 'Running against the bundled mock server: pick any outcome on the hosted page.'
          : info.data?.mode === 'didit'
            ? 'Running against the real Didit: you will verify a real document.'
            : ' '}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void verify()}
          disabled={starting}
          aria-busy={starting}
        >
          {starting ? 'Starting…' : 'Verify identity'}
        </button>
        <Link href="/gallery" className="button">
          Browse the fixture gallery
        </Link>
      </div>
      {failure ? (
        <div className="state state-error" role="alert" data-state="start-failed">
          <h2>Could not start a verification</h2>
          <p>{failure}</p>
        </div>
      ) : null}

      <section className="card" aria-labelledby="lookup-heading">
        <h2 id="lookup-heading">Look up a session</h2>
        <form className="lookup" onSubmit={lookUp}>
          <label htmlFor={inputId}>Session ID</label>
          <input
            id={inputId}
            name="session-id"
            type="text"
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="11111111-2222-3333-4444-555555555555"
            aria-describedby={hintId}
          />
          <button type="submit" className="button">
            Show decision
          </button>
        </form>
        <p id={hintId} className="muted">
          The ID of a session this server created, or (with the mock server) one of the fixtures.
        </p>
      </section>

      <section className="card" aria-labelledby="how-heading">
        <h2 id="how-heading">How it fits together</h2>
        <ol>
          <li>
            <strong>Verify identity</strong> calls <code>POST /api/sessions</code> on this app’s server, which calls{' '}
            <code>didit.sessions.create()</code> with the client secret it alone holds.
          </li>
          <li>The browser goes to the hosted page, where the user verifies (here: picks an outcome).</li>
          <li>
            Didit redirects to <code>/callback?verificationSessionId=…</code>; the page then polls{' '}
            <code>useSessionDecision(id)</code> through the proxy route <code>/api/didit</code> until the status is
            final.
          </li>
        </ol>
      </section>
    </>
  );
}
