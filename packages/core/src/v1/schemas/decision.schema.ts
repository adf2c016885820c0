import * as z from 'zod/mini';
import { recordOf } from '../../schemas/checks.ts';
import { bool, list, num, str, strList, typed } from '../../schemas/kit.ts';
import { type OpenEnum, openEnum } from '../../schemas/open-enum.ts';
import type { DocumentType, FeatureStatus, KnownSessionStatus, SessionStatus } from './statuses.ts';

// Lenient by design (the contract says: lenient in what the client accepts). Every
// object is loose, so fields Didit adds later are kept at run time (read them with
// `rawFields`); any data leaf may be null or absent, because real documents and partial
// sessions leave many of them empty.
//
// The exported types are written out as interfaces rather than inferred: an editor then
// shows `Kyc` instead of an expanded zod type, and there is no `[key: string]: unknown`
// index signature, so a typo such as `kyc.fullName` is a compile error. Each schema is
// annotated with its interface, which TypeScript only accepts if what zod infers fits it.

/** The identity document block (`kyc`) of a decision. */
export interface Kyc {
  status: FeatureStatus;
  ocr_status?: FeatureStatus | null;
  epassport_status?: FeatureStatus | null;
  document_type?: DocumentType | null;
  document_number?: string | null;
  personal_number?: string | null;
  portrait_image?: string | null;
  front_image?: string | null;
  front_video?: string | null;
  back_image?: string | null;
  back_video?: string | null;
  full_front_image?: string | null;
  full_back_image?: string | null;
  date_of_birth?: string | null;
  expiration_date?: string | null;
  date_of_issue?: string | null;
  issuing_state?: string | null;
  issuing_state_name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  full_name?: string | null;
  gender?: string | null;
  address?: string | null;
  formatted_address?: string | null;
  is_nfc_verified?: boolean | null;
  parsed_address?: unknown;
  place_of_birth?: string | null;
  marital_status?: string | null;
  nationality?: string | null;
  created_at?: string | null;
}

/** One watchlist match in `aml.hits`. */
export interface AmlHit {
  id: string;
  match?: boolean | null;
  /** 0 to 1. */
  score?: number | null;
  target?: boolean | null;
  caption?: string | null;
  datasets?: string[] | null;
  features?: Record<string, number | null> | null;
  last_seen?: string | null;
  first_seen?: string | null;
  properties?: Record<string, string[] | null> | null;
  last_change?: string | null;
}

/** The anti-money-laundering screening block (`aml`) of a decision. */
export interface Aml {
  status: FeatureStatus;
  total_hits?: number | null;
  /** 0 to 100: the score of the highest hit. */
  score?: number | null;
  /** `[]` when Didit sends null or leaves it out. */
  hits: AmlHit[];
}

/** The face match and liveness block (`face`) of a decision. */
export interface Face {
  status: FeatureStatus;
  face_match_status?: FeatureStatus | null;
  liveness_status?: FeatureStatus | null;
  /** 0 to 100. */
  face_match_similarity?: number | null;
  /** 0 to 100. */
  liveness_confidence?: number | null;
  source_image?: string | null;
  target_image?: string | null;
  video_url?: string | null;
  age_estimation?: number | null;
  gender_estimation?: { male?: number | null; female?: number | null } | null;
}

/** The device and IP block (`location`) of a decision. */
export interface Location {
  device_brand?: string | null;
  device_model?: string | null;
  browser_family?: string | null;
  os_family?: string | null;
  platform?: string | null;
  ip_country?: string | null;
  ip_country_code?: string | null;
  ip_state?: string | null;
  ip_city?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  ip_address?: string | null;
  isp?: string | null;
  organization?: string | null;
  is_vpn_or_tor?: boolean | null;
  is_data_center?: boolean | null;
  time_zone?: string | null;
  time_zone_offset?: string | null;
  status?: FeatureStatus | null;
  document_location?: { latitude?: number | null; longitude?: number | null } | null;
  ip_location?: { latitude?: number | null; longitude?: number | null } | null;
  distance_from_document_to_ip_km?: { distance?: number | null; direction?: string | null } | null;
}

/** One entry of a decision's `warnings`. */
export interface DecisionWarning {
  feature?: string | null;
  /** An open list: `POSSIBLE_MATCH_FOUND`, `DOCUMENT_EXPIRED`, `LOW_LIVENESS_SCORE`, ... */
  risk: string;
  additional_data?: unknown;
  /** `information`, `warning` or `error`. */
  log_type?: OpenEnum<'information' | 'warning' | 'error'> | null;
  short_description?: string | null;
  long_description?: string | null;
}

/** One manual review of the session, in a decision's `reviews`. */
export interface Review {
  user?: string | null;
  new_status: SessionStatus;
  comment?: string | null;
  created_at?: string | null;
}

/** A verification session's decision, as `sessions.getDecision()` returns it. */
export interface SessionDecision {
  session_id: string;
  session_number?: number | null;
  session_url?: string | null;
  status: SessionStatus;
  vendor_data?: string | null;
  callback?: string | null;
  features?: string | null;
  // A block for a feature the session did not run may be null or absent.
  kyc?: Kyc | null;
  aml?: Aml | null;
  face?: Face | null;
  location?: Location | null;
  /** `[]` when Didit sends null or leaves it out. */
  warnings: DecisionWarning[];
  /** `[]` when Didit sends null or leaves it out. */
  reviews: Review[];
  /** `[]` when Didit sends null or leaves it out. */
  extra_images: unknown[];
  created_at?: string | null;
}

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

const sessionStatus = openEnum<KnownSessionStatus>();
const featureStatus = openEnum<Extract<FeatureStatus, string>>();

const kyc = z.looseObject({
  status: featureStatus,
  ocr_status: z.nullish(featureStatus),
  epassport_status: z.nullish(featureStatus),
  document_type: z.nullish(openEnum<Extract<DocumentType, string>>()),
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

const amlHit = z.looseObject({
  id: z.string(),
  match: bool,
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

const face = z.looseObject({
  status: featureStatus,
  face_match_status: z.nullish(featureStatus),
  liveness_status: z.nullish(featureStatus),
  face_match_similarity: num,
  liveness_confidence: num,
  source_image: str,
  target_image: str,
  video_url: str,
  age_estimation: num,
  gender_estimation: z.nullish(z.looseObject({ male: num, female: num })),
});

const coordinates = z.looseObject({ latitude: num, longitude: num });

const location = z.looseObject({
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
  document_location: z.nullish(coordinates),
  ip_location: z.nullish(coordinates),
  distance_from_document_to_ip_km: z.nullish(z.looseObject({ distance: num, direction: str })),
});

const warning = z.looseObject({
  feature: str,
  risk: z.string(),
  additional_data: z.nullish(z.unknown()),
  log_type: z.nullish(openEnum<'information' | 'warning' | 'error'>()),
  short_description: str,
  long_description: str,
});

const review = z.looseObject({
  user: str,
  new_status: sessionStatus,
  comment: str,
  created_at: str,
});

export const kycSchema = typed<Kyc>()(kyc);
export const amlHitSchema = typed<AmlHit>()(amlHit);

const aml = withEmptyLists(
  z.looseObject({
    status: featureStatus,
    total_hits: num,
    score: num,
    hits: list(amlHitSchema),
  }),
  ['hits'],
);

export const amlSchema = typed<Aml>()(aml);
export const faceSchema = typed<Face>()(face);
export const locationSchema = typed<Location>()(location);
export const warningSchema = typed<DecisionWarning>()(warning);
export const reviewSchema = typed<Review>()(review);

const sessionDecision = withEmptyLists(
  z.looseObject({
    session_id: z.string(),
    session_number: num,
    session_url: str,
    status: sessionStatus,
    vendor_data: str,
    callback: str,
    features: str,
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

/** The body of `GET /v1/session/{session_id}/decision/`. */
export const sessionDecisionSchema = typed<SessionDecision>()(sessionDecision);

/**
 * @internal The schemas above as zod infers them, before they are typed with their
 * interfaces: only for the type test that holds each interface to what its schema checks.
 */
export interface InferredDecisionSchemas {
  kyc: typeof kyc;
  amlHit: typeof amlHit;
  aml: typeof aml;
  face: typeof face;
  location: typeof location;
  warning: typeof warning;
  review: typeof review;
  sessionDecision: typeof sessionDecision;
}
