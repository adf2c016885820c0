import { DiditClient } from '@didit-kit/core/v1';

// The demo speaks Didit v1 (client credentials, the seed's decision), so the hooks' types do too.
declare module '@didit-kit/react' {
  interface Register {
    apiVersion: 'v1';
  }
}

/**
 * The browser's client: no credentials, pointed at this app's own proxy route. The demo's
 * server adds the token; the secret never reaches the page. Its requests are relative URLs,
 * resolved against the page by the browser's fetch.
 */
export const browserClient = new DiditClient({ baseUrl: '/api/didit', maxRetries: 1, timeoutMs: 15_000 });

export interface StartedSession {
  session_id: string;
  url: string;
}

export interface GallerySession {
  session_id: string;
  label: string;
  status: string;
  /** What sets it apart: its first warning, or `No warnings`. */
  detail: string;
}

export interface Gallery {
  /** False when the server talks to the real Didit: the fixtures only exist in the mock. */
  available: boolean;
  sessions: GallerySession[];
}

export interface ServerInfo {
  mode: 'mock' | 'didit';
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    let detail = '';
    try {
      const body = (await response.json()) as { detail?: unknown };
      if (typeof body.detail === 'string') detail = `: ${body.detail}`;
    } catch {
      // not JSON: the status alone says enough
    }
    throw new Error(`The demo server answered ${response.status}${detail}`);
  }
  return (await response.json()) as T;
}

/** Asks the demo's server to create a Didit session; it answers with the hosted page's URL only. */
export async function startSession(): Promise<StartedSession> {
  const response = await fetch('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: '{}',
  });
  return json<StartedSession>(response);
}

export async function fetchGallery(signal?: AbortSignal): Promise<Gallery> {
  return json<Gallery>(await fetch('/api/gallery', { signal, headers: { accept: 'application/json' } }));
}

export async function fetchServerInfo(signal?: AbortSignal): Promise<ServerInfo> {
  return json<ServerInfo>(await fetch('/api/info', { signal, headers: { accept: 'application/json' } }));
}
