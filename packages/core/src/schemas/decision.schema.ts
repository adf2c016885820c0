import * as z from 'zod/mini';
import { recordOf } from './checks.ts';
import { openEnum } from './open-enum.ts';
import { DOCUMENT_TYPES, FEATURE_STATUSES, SESSION_STATUSES } from './statuses.ts';

// Lenient by design (the contract says: lenient in what the client accepts). Every
// object is loose, so fields Didit adds later are kept; any data leaf may be null or
// absent, because real documents and partial sessions leave many of them empty.
const str = z.nullish(z.string());
const num = z.nullish(z.number());
const bool = z.nullish(z.boolean());
const strList = z.nullish(z.array(z.string()));
/** An array Didit may send as null or leave out; `withEmptyLists` makes it `[]`. */
const list = <T extends z.ZodMiniType>(item: T) => z.nullish(z.array(item));

/**
 * `schema`, with each list field in `keys` made `[]` when Didit sends null or leaves it out, so
 * code can map over it without a check. One overwrite on the object rather than a pipe and a
 * transform on each field: those two zod types alone were 0.26 kB gzip of the browser bundle.
 */
function withEmptyLists<S extends z.ZodMiniType<Record<string, unknown>>, K extends keyof z.output<S> & string>(
  schema: S,
  keys: readonly K[],
) {
  const filled = (schema as z.ZodMiniType<Record<string, unknown>>).check(
    z.overwrite((value) => {
      for (const key of keys) value[key] ??= [];
      return value;
    }),
  );
  return filled as unknown as z.ZodMiniType<z.output<S> & { [P in K]-?: NonNullable<z.output<S>[P]> }, z.input<S>>;
}

const isNumberOrNull = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));
const isStringListOrNull = (v: unknown): v is string[] | null =>
  v === null || (Array.isArray(v) && v.every((item) => typeof item === 'string'));

const sessionStatus = openEnum(SESSION_STATUSES);
const featureStatus = openEnum(FEATURE_STATUSES);

export const kycSchema = z.looseObject({
  status: featureStatus,
  ocr_status: z.nullish(featureStatus),
  epassport_status: z.nullish(featureStatus),
  document_type: z.nullish(openEnum(DOCUMENT_TYPES)),
  document_number: str,
  personal_number: str,
  portrait_image: str,
  front_image: str,
  front_video: str,
  back_image: str,
  back_video: str,
  full_front_image: str,
  full_back_image: str,
  date_of_birth: str,
  expiration_date: str,
  date_of_issue: str,
  issuing_state: str,
  issuing_state_name: str,
  first_name: str,
  last_name: str,
  full_name: str,
  gender: str,
  address: str,
  formatted_address: str,
  is_nfc_verified: bool,
  parsed_address: z.nullish(z.unknown()),
  place_of_birth: str,
  marital_status: str,
  nationality: str,
  created_at: str,
});

export const amlHitSchema = z.looseObject({
  id: z.string(),
  match: bool,
  /** 0 to 1. */
  score: num,
  target: bool,
  caption: str,
  datasets: strList,
  features: z.nullish(recordOf(isNumberOrNull, 'numbers')),
  last_seen: str,
  first_seen: str,
  properties: z.nullish(recordOf(isStringListOrNull, 'string arrays')),
  last_change: str,
});

export const amlSchema = withEmptyLists(
  z.looseObject({
    status: featureStatus,
    total_hits: num,
    /** 0 to 100: the score of the highest hit. */
    score: num,
    hits: list(amlHitSchema),
  }),
  ['hits'],
);

export const faceSchema = z.looseObject({
  status: featureStatus,
  face_match_status: z.nullish(featureStatus),
  liveness_status: z.nullish(featureStatus),
  /** 0 to 100. */
  face_match_similarity: num,
  /** 0 to 100. */
  liveness_confidence: num,
  source_image: str,
  target_image: str,
  video_url: str,
  age_estimation: num,
  gender_estimation: z.nullish(z.looseObject({ male: num, female: num })),
});

const coordinatesSchema = z.looseObject({ latitude: num, longitude: num });

export const locationSchema = z.looseObject({
  device_brand: str,
  device_model: str,
  browser_family: str,
  os_family: str,
  platform: str,
  ip_country: str,
  ip_country_code: str,
  ip_state: str,
  ip_city: str,
  latitude: num,
  longitude: num,
  ip_address: str,
  isp: str,
  organization: str,
  is_vpn_or_tor: bool,
  is_data_center: bool,
  time_zone: str,
  time_zone_offset: str,
  status: z.nullish(featureStatus),
  document_location: z.nullish(coordinatesSchema),
  ip_location: z.nullish(coordinatesSchema),
  distance_from_document_to_ip_km: z.nullish(z.looseObject({ distance: num, direction: str })),
});

export const warningSchema = z.looseObject({
  feature: str,
  /** An open list: `POSSIBLE_MATCH_FOUND`, `DOCUMENT_EXPIRED`, `LOW_LIVENESS_SCORE`, ... */
  risk: z.string(),
  additional_data: z.nullish(z.unknown()),
  /** `information`, `warning` or `error`. */
  log_type: z.nullish(openEnum(['information', 'warning', 'error'] as const)),
  short_description: str,
  long_description: str,
});

export const reviewSchema = z.looseObject({
  user: str,
  new_status: sessionStatus,
  comment: str,
  created_at: str,
});

/** The body of `GET /v1/session/{session_id}/decision/`. */
export const sessionDecisionSchema = withEmptyLists(
  z.looseObject({
    session_id: z.string(),
    session_number: num,
    session_url: str,
    status: sessionStatus,
    vendor_data: str,
    callback: str,
    features: str,
    // A block for a feature the session did not run may be null or absent.
    kyc: z.nullish(kycSchema),
    aml: z.nullish(amlSchema),
    face: z.nullish(faceSchema),
    location: z.nullish(locationSchema),
    warnings: list(warningSchema),
    reviews: list(reviewSchema),
    extra_images: list(z.unknown()),
    created_at: str,
  }),
  ['warnings', 'reviews', 'extra_images'],
);

export type Kyc = z.output<typeof kycSchema>;
export type AmlHit = z.output<typeof amlHitSchema>;
export type Aml = z.output<typeof amlSchema>;
export type Face = z.output<typeof faceSchema>;
export type Location = z.output<typeof locationSchema>;
export type DecisionWarning = z.output<typeof warningSchema>;
export type Review = z.output<typeof reviewSchema>;
/** A verification session's decision, as `sessions.getDecision()` returns it. */
export type SessionDecision = z.output<typeof sessionDecisionSchema>;
