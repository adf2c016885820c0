import type { SessionDecision as V3Decision } from '@didit-kit/core';
import { SESSION_STATUSES, type SessionDecision as V1Decision } from '@didit-kit/core/v1';
import type { ApiVersion } from './config.ts';
import type { DemoClients } from './create-demo-app.ts';

/** One fixture session as the gallery lists it. */
export interface GallerySession {
  session_id: string;
  /** The API that serves its decision: the v3 fixtures, and the seed's v1 decision. */
  api_version: ApiVersion;
  label: string;
  status: string;
  /** What sets it apart: the first warning, or a note that there is none. */
  detail: string;
}

/** The seed's Declined/AML example (v1), listed first. */
export const SEED_SESSION_ID = '11111111-2222-3333-4444-555555555555';

function describeV1(decision: V1Decision): GallerySession {
  const kyc = decision.kyc;
  const who = kyc?.full_name || [kyc?.first_name, kyc?.last_name].filter(Boolean).join(' ');
  return {
    session_id: decision.session_id,
    api_version: 'v1',
    label: who || `Session ${decision.session_number ?? decision.session_id.slice(0, 8)}`,
    status: decision.status,
    detail: decision.warnings[0]?.short_description ?? 'No warnings',
  };
}

function describeV3(decision: V3Decision): GallerySession {
  const document = decision.id_verifications?.[0];
  const warnings = [
    ...(decision.id_verifications ?? []),
    ...(decision.face_matches ?? []),
    ...(decision.liveness_checks ?? []),
    ...(decision.aml_screenings ?? []),
    ...(decision.ip_analyses ?? []),
  ].flatMap((item) => item.warnings ?? []);
  const aml = decision.aml_screenings?.[0];
  const firstHit = aml?.hits?.[0]?.caption;
  return {
    session_id: decision.session_id,
    api_version: 'v3',
    label: `${document?.full_name || `Session ${decision.session_number ?? decision.session_id.slice(0, 8)}`} (v3)`,
    status: decision.status,
    detail:
      warnings[0]?.short_description ??
      (firstHit ? `AML: ${firstHit}` : decision.session_kind === 'business' ? 'Business (KYB)' : 'No warnings'),
  };
}

/**
 * Lists the fixture sessions by asking the API for each decision, through the same server clients
 * the proxy uses: the labels come from the data, so user fixtures are listed as well as built-in ones.
 */
export async function listGallery(
  clients: DemoClients,
  ids: { v1: readonly string[]; v3: readonly string[] },
): Promise<GallerySession[]> {
  const { v1, v3 } = clients;
  const settled = await Promise.allSettled([
    ...(v1 ? ids.v1.map(async (id) => describeV1(await v1.sessions.getDecision(id))) : []),
    ...(v3 ? ids.v3.map(async (id) => describeV3(await v3.sessions.getDecision(id))) : []),
  ]);
  const sessions: GallerySession[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') sessions.push(result.value);
  }
  if (sessions.length === 0 && settled.length > 0) {
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
