import { DiditClient } from '@didit-kit/core';
import { DiditClient as DiditV1Client } from '@didit-kit/core/v1';

/** The API "Verify identity" uses on this server: v3 by default, v1 with `DEMO_API_VERSION=v1`. */
export type ApiVersion = 'v3' | 'v1';

/**
 * The browser's clients: no credentials, pointed at this app's own proxy route. The demo's
 * server adds the API key (v3) or the token (v1); no secret ever reaches the page. Their requests
 * are relative URLs, resolved against the page by the browser's fetch. The mock serves both
 * generations, so the gallery shows v3 outcomes beside the seed's v1 decision.
 */
export const browserClient = new DiditClient({ baseUrl: '/api/didit', maxRetries: 1, timeoutMs: 15_000 });
export const browserClientV1 = new DiditV1Client({ baseUrl: '/api/didit', maxRetries: 1, timeoutMs: 15_000 });

export interface GallerySession {
  session_id: string;
  api_version: ApiVersion;
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
  apiVersion: ApiVersion;
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

export async function fetchGallery(signal?: AbortSignal): Promise<Gallery> {
  return json<Gallery>(await fetch('/api/gallery', { signal, headers: { accept: 'application/json' } }));
}

export async function fetchServerInfo(signal?: AbortSignal): Promise<ServerInfo> {
  return json<ServerInfo>(await fetch('/api/info', { signal, headers: { accept: 'application/json' } }));
}
