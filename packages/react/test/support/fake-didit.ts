// A small stand-in for Didit's decision and update-status routes, as a fetch function, for the
// tests that need exact control over each response (failures, hanging requests, request counts).
// The end-to-end tests use @didit-kit/mock-server instead.
import { v1Example } from '@didit-kit/test-kit/didit';

const seed = v1Example<Record<string, unknown>>('decision.declined-aml.json');

export const SESSION_A = '11111111-2222-3333-4444-555555555555';
export const SESSION_B = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

export interface SeenRequest {
  method: string;
  path: string;
  signal: AbortSignal;
}

type Behaviour = 'normal' | 'hang' | { status: number; body?: unknown; headers?: Record<string, string> };

export class FakeDidit {
  readonly requests: SeenRequest[] = [];
  readonly #statuses = new Map<string, string>();
  readonly #reviews = new Map<string, unknown[]>();
  #behaviour: Behaviour = 'normal';

  constructor(statuses: Record<string, string> = { [SESSION_A]: 'Not Started' }) {
    for (const [id, status] of Object.entries(statuses)) this.#statuses.set(id, status);
  }

  setStatus(sessionId: string, status: string): void {
    this.#statuses.set(sessionId, status);
  }

  /** From now on: answer normally, never answer (until aborted), or answer every decision with an error. */
  behave(behaviour: Behaviour): void {
    this.#behaviour = behaviour;
  }

  /** Decision requests seen so far (optionally for one session). */
  decisionRequests(sessionId?: string): SeenRequest[] {
    return this.requests.filter(
      (r) => r.path.endsWith('/decision/') && (sessionId === undefined || r.path.includes(`/${sessionId}/`)),
    );
  }

  readonly fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    this.requests.push({ method: request.method, path, signal: request.signal });
    const match = /\/v1\/session\/([^/]+)\/(decision|update-status)\/$/.exec(path);
    if (!match) return json(404, { detail: 'Not found.' });
    const [, id = '', action] = match;

    if (action === 'update-status' && request.method === 'PATCH') {
      const body = (await request.json()) as { new_status: string; comment?: string };
      if (!this.#statuses.has(id)) return json(404, { detail: 'Not found.' });
      this.#statuses.set(id, body.new_status);
      const reviews = this.#reviews.get(id) ?? [];
      reviews.push({
        user: 'admin@example.com',
        new_status: body.new_status,
        comment: body.comment ?? '',
        created_at: new Date().toISOString(),
      });
      this.#reviews.set(id, reviews);
      return json(200, { session_id: id });
    }
    if (action !== 'decision' || request.method !== 'GET') return json(405, { detail: 'Method not allowed.' });

    const behaviour = this.#behaviour;
    if (behaviour === 'hang') {
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    }
    if (behaviour !== 'normal')
      return json(behaviour.status, behaviour.body ?? { detail: 'Failed.' }, behaviour.headers);
    const status = this.#statuses.get(id);
    if (status === undefined) return json(404, { detail: 'Not found.' });
    return json(200, decision(id, status, this.#reviews.get(id) ?? []));
  };
}

/** The seed's decision, as another session with another status. */
export function decision(sessionId: string, status: string, reviews: unknown[] = []): Record<string, unknown> {
  return { ...structuredClone(seed), session_id: sessionId, status, reviews };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': `req-${status}`, ...headers },
  });
}
