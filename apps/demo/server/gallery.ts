import { type DiditClient, SESSION_STATUSES, type SessionDecision } from '@didit-kit/core/v1';

/** One fixture session as the gallery lists it. */
export interface GallerySession {
  session_id: string;
  label: string;
  status: string;
  /** What sets it apart: the first warning, or a note that there is none. */
  detail: string;
}

/** The seed's Declined/AML example, listed first. */
export const SEED_SESSION_ID = '11111111-2222-3333-4444-555555555555';

function describe(decision: SessionDecision): GallerySession {
  const kyc = decision.kyc;
  const who = kyc?.full_name || [kyc?.first_name, kyc?.last_name].filter(Boolean).join(' ');
  return {
    session_id: decision.session_id,
    label: who || `Session ${decision.session_number ?? decision.session_id.slice(0, 8)}`,
    status: decision.status,
    detail: decision.warnings[0]?.short_description ?? 'No warnings',
  };
}

/**
 * Lists the fixture sessions by asking the API for each decision, through the same server client
 * the proxy uses: the labels come from the data, so user fixtures are listed as well as built-in ones.
 */
export async function listGallery(client: DiditClient, sessionIds: readonly string[]): Promise<GallerySession[]> {
  const settled = await Promise.allSettled(sessionIds.map((id) => client.sessions.getDecision(id)));
  const sessions: GallerySession[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') sessions.push(describe(result.value));
  }
  if (sessions.length === 0 && sessionIds.length > 0) {
    const failure = settled.find((result) => result.status === 'rejected');
    throw failure?.reason ?? new Error('No fixture could be loaded');
  }
  // The seed first, then in the order of a session's life; unknown statuses last.
  const rank = (s: GallerySession) =>
    s.session_id === SEED_SESSION_ID ? -1 : indexOr((SESSION_STATUSES as readonly string[]).indexOf(s.status));
  return sessions.sort((a, b) => rank(a) - rank(b));
}

function indexOr(index: number): number {
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}
