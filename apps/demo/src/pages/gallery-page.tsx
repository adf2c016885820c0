import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { fetchGallery } from '../api.ts';
import { SessionDecision } from '../components/session-decision.tsx';
import { StatusBadge } from '../decision/status-badge.tsx';
import { Link } from '../router.tsx';
import { ErrorState, LoadingState } from '../states.tsx';

/** The mock server's fixture sessions (v3 outcomes, and the seed's v1 Declined/AML decision first). */
export function GalleryPage({ selectedId }: { selectedId?: string | undefined }) {
  const gallery = useQuery({ queryKey: ['demo', 'gallery'], queryFn: ({ signal }) => fetchGallery(signal) });

  let body: ReactNode;
  if (gallery.isPending) body = <LoadingState>Loading the fixtures…</LoadingState>;
  else if (gallery.isError) body = <ErrorState error={gallery.error} onRetry={() => void gallery.refetch()} />;
  else if (!gallery.data.available || gallery.data.sessions.length === 0) {
    body = (
      <p className="callout" role="status">
        The gallery shows the mock server’s fixture sessions. This server talks to the real Didit, which has no
        fixtures: start a verification instead.
      </p>
    );
  } else {
    const sessions = gallery.data.sessions;
    const current = sessions.find((s) => s.session_id === selectedId) ?? sessions[0];
    body = (
      <div className="gallery">
        <nav aria-label="Fixture sessions" className="gallery-nav">
          <ul>
            {sessions.map((session) => (
              <li key={session.session_id}>
                <Link
                  href={`/gallery/${session.session_id}`}
                  aria-current={session.session_id === current?.session_id ? 'page' : undefined}
                >
                  <span className="gallery-label">
                    {session.label}
                    <span className="gallery-detail">{session.detail}</span>
                  </span>
                  <StatusBadge status={session.status} />
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="gallery-view">
          {current ? (
            <SessionDecision key={current.session_id} sessionId={current.session_id} apiVersion={current.api_version} />
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <>
      <h1>Fixture gallery</h1>
      <p className="lead">
        Each of the mock server’s fixture decisions, fetched through the proxy and shown by the same view as a live
        session.
      </p>
      {body}
    </>
  );
}
