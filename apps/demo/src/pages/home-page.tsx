import { useCreateSession } from '@didit-kit/react';
import { type FormEvent, useId, useState } from 'react';
import { EmbeddedVerification } from '../components/embedded-verification.tsx';
import { Link, navigate } from '../router.tsx';
import { useServerInfo } from '../use-server-info.ts';

/** Where the verification opens: Didit's hosted page (a redirect and back), or inside this page. */
type FlowMode = 'redirect' | 'embedded';

export function HomePage() {
  const [flow, setFlow] = useState<FlowMode>('redirect');
  // POST /api/didit/{v3|v1}/session/ through the proxy: the server decides what is created.
  const create = useCreateSession({
    onSuccess: (session) => {
      // The hosted verification page (Didit's, or the mock's); it redirects back to /callback.
      if (flow === 'redirect') window.location.assign(session.url);
    },
  });
  const info = useServerInfo();
  const inputId = useId();
  const hintId = useId();
  const starting = create.isPending || (flow === 'redirect' && create.isSuccess);
  const embedded = flow === 'embedded' ? create.data : undefined;

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
      <p className="muted" role="status" data-mode={info.data?.mode} data-api-version={info.data?.apiVersion}>
        {info.data?.mode === 'mock'
          ? `Running against the bundled mock server (Didit API ${info.data.apiVersion}): pick any outcome on the hosted page.`
          : info.data?.mode === 'didit'
            ? `Running against the real Didit (API ${info.data.apiVersion}): you will verify a real document.`
            : ' '}
      </p>
      <fieldset className="flow-choice" disabled={starting || embedded !== undefined}>
        <legend>Open the verification</legend>
        <label>
          <input type="radio" name="flow" checked={flow === 'redirect'} onChange={() => setFlow('redirect')} /> On the
          hosted page (redirect)
        </label>
        <label>
          <input type="radio" name="flow" checked={flow === 'embedded'} onChange={() => setFlow('embedded')} /> In this
          page (<code>&lt;DiditVerification&gt;</code>)
        </label>
      </fieldset>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => create.mutate(undefined)}
          disabled={starting || embedded !== undefined}
          aria-busy={starting}
        >
          {starting ? 'Starting…' : 'Verify identity'}
        </button>
        <Link href="/gallery" className="button">
          Browse the fixture gallery
        </Link>
      </div>
      {create.error ? (
        <div className="state state-error" role="alert" data-state="start-failed">
          <h2>Could not start a verification</h2>
          <p>{create.error.message}</p>
        </div>
      ) : null}
      {embedded ? (
        <EmbeddedVerification url={embedded.url} sessionId={embedded.session_id} onCancel={() => create.reset()} />
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
            <strong>Verify identity</strong> (<code>useCreateSession</code>) posts to the proxy route{' '}
            <code>/api/didit</code>; this app’s server decides what is created (<code>prepareCreate</code>) and calls
            Didit with the credentials it alone holds.
          </li>
          <li>
            The browser goes to the hosted page, or opens it inside this page with{' '}
            <code>&lt;DiditVerification&gt;</code>, where the user verifies (here: picks an outcome).
          </li>
          <li>
            Didit redirects to <code>/callback?verificationSessionId=…</code>, where <code>useSessionDecision(id)</code>{' '}
            shows the decision as it changes: Didit's webhook reaches this app's server (
            <code>POST /api/webhooks/didit</code>), which streams it to the page through the proxy route{' '}
            <code>/api/didit</code>; the page polls only while it has no stream.
          </li>
        </ol>
      </section>
    </>
  );
}
