import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { statusOf } from '../session-store.ts';
import { featureItems, first, LIST_FEATURES } from './features.ts';
import type { V3Session } from './store.ts';

// The shapes a v3 session takes besides its decision: a row of `GET /v3/sessions/`, and the body
// `POST /v3/session/import-shared/` answers.

/** A row of the session list: its own fields for a user session, the company's for a business one. */
export function listRow(session: V3Session): JsonObject {
  const d = session.decision;
  if (session.kind === 'business') {
    const company = first(d, 'registry_checks');
    const details = isJsonObject(d.expected_details) ? d.expected_details : {};
    return {
      session_id: session.sessionId,
      session_kind: 'business',
      session_number: d.session_number ?? null,
      status: statusOf(session),
      vendor_data: d.vendor_data ?? null,
      created_at: d.created_at ?? null,
      workflow_id: d.workflow_id ?? null,
      workflow_type: 'kyb',
      workflow_label: 'Standard KYB',
      company_name: (company?.company_name ?? details.company_name ?? null) as Json,
      registration_number: (company?.registration_number ?? details.registration_number ?? null) as Json,
      country: (company?.country ?? details.registry_country ?? null) as Json,
    };
  }
  const id = first(d, 'id_verifications');
  const name = [id?.first_name, id?.last_name].filter((part) => typeof part === 'string').join(' ');
  return {
    session_id: session.sessionId,
    session_kind: 'user',
    session_number: d.session_number ?? null,
    session_url: d.session_url ?? null,
    portrait_image: id?.portrait_image ?? null,
    document_type: id?.document_type ?? null,
    full_name: name === '' ? null : name,
    country: id?.issuing_state ?? null,
    status: statusOf(session),
    vendor_data: d.vendor_data ?? null,
    didit_internal_id: null,
    created_at: d.created_at ?? null,
    // The list names features as the workflow does (OAS enum), not as the decision's arrays do.
    features: featureItems(d)
      .filter(({ array }) => LIST_FEATURES[array] !== undefined)
      .map(({ array, item }) => ({ feature: LIST_FEATURES[array] as string, status: (item.status ?? null) as Json })),
    phone_number: null,
    email_address: null,
    additional_details: null,
  };
}

/** For user sessions, import answers Didit's V2 decision: singular `id_verification`, `liveness`, `aml`. */
export function importBody(session: V3Session): JsonObject {
  const d = session.decision;
  if (session.kind === 'business') return d;
  const { session_kind: _kind, ...rest } = d;
  return {
    ...rest,
    id_verification: first(d, 'id_verifications') ?? null,
    liveness: first(d, 'liveness_checks') ?? null,
    face_match: first(d, 'face_matches') ?? null,
    aml: first(d, 'aml_screenings') ?? null,
  };
}
