import { type SessionDecision, sessionDecisionSchema as v1DecisionSchema } from '@didit-kit/core/v1';
import { isJsonObject } from '../json.ts';
import { statusOf } from '../session-store.ts';
import { FEATURE_TYPES, featureItems, first } from './features.ts';
import type { V3Session } from './store.ts';

/**
 * The PDF renderer (pdf.ts) lays out a v1 decision: a v3 one is mapped onto it (the document as
 * `kyc`, the screening as `aml`, the face match as `face`, every item's warnings as `warnings`).
 * When a v3 item does not fit v1's schema, the report goes without that section.
 */
export function printableDecision(session: V3Session): SessionDecision {
  const d = session.decision;
  const warnings = featureItems(d).flatMap(({ item }) =>
    Array.isArray(item.warnings) ? item.warnings.filter(isJsonObject) : [],
  );
  const base = {
    session_id: session.sessionId,
    session_number: d.session_number ?? null,
    session_url: d.session_url ?? null,
    status: statusOf(session),
    vendor_data: d.vendor_data ?? null,
    callback: d.callback ?? null,
    features: featureItems(d)
      .map(({ array }) => FEATURE_TYPES[array] ?? array)
      .filter((f, i, all) => all.indexOf(f) === i)
      .join(' + '),
    kyc: null,
    aml: null,
    face: null,
    location: null,
    warnings: warnings.map((w) => ({
      risk: String(w.risk ?? ''),
      feature: String(w.feature ?? ''),
      log_type: String(w.log_type ?? ''),
      short_description: String(w.short_description ?? ''),
      long_description: String(w.long_description ?? ''),
      additional_data: null,
    })),
    reviews: Array.isArray(d.reviews) ? d.reviews : [],
    extra_images: [],
    created_at: d.created_at ?? null,
  };
  const id = first(d, 'id_verifications');
  const aml = first(d, 'aml_screenings');
  const face = first(d, 'face_matches');
  const rich = v1DecisionSchema.safeParse({
    ...base,
    kyc: id ? { ...id, warnings: undefined } : null,
    aml: aml ? { ...aml, warnings: undefined } : null,
    face: face ? { ...face, warnings: undefined } : null,
  });
  if (rich.success) return rich.data;
  return v1DecisionSchema.parse(base);
}
