import { useEffect, useRef } from 'react';
import { GalleryPage } from './pages/gallery-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SessionPage } from './pages/session-page.tsx';
import { Link, useLocation } from './router.tsx';

function Page({ url }: { url: URL }) {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return <HomePage />;
  if (path === '/callback') {
    return (
      <SessionPage
        sessionId={url.searchParams.get('verificationSessionId') ?? ''}
        reportedStatus={url.searchParams.get('status')}
      />
    );
  }
  const session = /^\/sessions\/([^/]+)$/.exec(path);
  if (session) {
    const api = url.searchParams.get('api');
    return (
      <SessionPage
        sessionId={decodeURIComponent(session[1] ?? '')}
        apiVersion={api === 'v1' || api === 'v3' ? api : undefined}
      />
    );
  }
  const gallery = /^\/gallery(?:\/([^/]+))?$/.exec(path);
  if (gallery) return <GalleryPage selectedId={gallery[1] ? decodeURIComponent(gallery[1]) : undefined} />;
  return <NotFoundPage />;
}

export function App() {
  const url = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After an in-app navigation, move focus to the new page so screen readers and keyboard users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [url.pathname]);

  const nav = (href: string, label: string) => (
    <Link href={href} aria-current={url.pathname === href ? 'page' : undefined}>
      {label}
    </Link>
  );

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          <Link href="/" className="brand">
            didit-kit <span className="muted">demo</span>
          </Link>
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>{nav('/', 'Verify')}</li>
              <li>{nav('/gallery', 'Gallery')}</li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="container">
        <Page url={url} />
      </main>
      <footer className="site-footer container muted">
        The browser holds no credentials: every call goes through this app’s server (<code>/api/didit</code>).
      </footer>
    </>
  );
}
