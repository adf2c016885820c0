import * as z from 'zod/mini';
import {
  anything,
  bool,
  type JsonObject,
  list,
  num,
  obj,
  objList,
  open,
  str,
  strList,
  typed,
} from '../../schemas/kit.ts';
import type { OpenEnum } from '../../schemas/open-enum.ts';
import type { FeatureStatus, KnownFeatureStatus, KnownSessionStatus, SessionKind, SessionStatus } from './statuses.ts';

// The v3 decision (`GET /v3/session/{sessionId}/decision/`), KYC and KYB in one object.
//
// Lenient by design: every object is loose (fields Didit adds later are kept), every data leaf
// may be null or absent, every enum is open, and lists stay as Didit sends them (`null` means
// "this feature has not run"; v3 does not turn it into `[]`). Objects this SDK does not describe
// field by field are `JsonObject`; the spec-conformance test lists each of them with a reason.
//
// The types are hand-written interfaces. Each schema is typed with `typed<Interface>()`, which
// only compiles when what the schema outputs is exactly the interface (see `typed`).

const featureStatus = z.nullish(open<KnownFeatureStatus>());
/** @internal */
export const sessionStatus = open<KnownSessionStatus>();

// ---------------------------------------------------------------------------------------------
// Types of open enums (documentation for autocompletion; any other string is accepted)

/** Features a session ran, as listed in the decision's `features`. */
export type DecisionFeature =
  | 'ID_VERIFICATION'
  | 'NFC'
  | 'LIVENESS'
  | 'FACE_MATCH'
  | 'POA'
  | 'PHONE'
  | 'EMAIL_VERIFICATION'
  | 'AML'
  | 'IP_ANALYSIS'
  | 'DATABASE_VALIDATION'
  | 'QUESTIONNAIRE'
  | 'AGE_ESTIMATION'
  | 'FACE_SEARCH'
  | 'KYB_REGISTRY'
  | 'KYB_DOCUMENTS'
  | 'KYB_KEY_PEOPLE';

/** A warning's `feature` (note the spellings `FACEMATCH`, `PROOF_OF_ADDRESS`, `EMAIL`, `LOCATION`). */
export type WarningFeature =
  | 'ID_VERIFICATION'
  | 'NFC'
  | 'LIVENESS'
  | 'FACEMATCH'
  | 'PROOF_OF_ADDRESS'
  | 'PHONE'
  | 'EMAIL'
  | 'AML'
  | 'LOCATION'
  | 'DATABASE_VALIDATION'
  | 'QUESTIONNAIRE'
  | 'DOCUMENT_AI'
  | 'KYB_REGISTRY'
  | 'KYB_DOCUMENTS'
  | 'KYB_KEY_PEOPLE';

export type DocumentType =
  | 'Passport'
  | 'Identity Card'
  | "Driver's License"
  | 'Residence Permit'
  | 'Health Insurance Card'
  | 'Tax Card';

export type Environment = 'live' | 'sandbox';
export type AmlReviewStatus = 'Unreviewed' | 'Confirmed Match' | 'False Positive' | 'Inconclusive';

// ---------------------------------------------------------------------------------------------
// Sub-objects shared by several features

/** One entry of a feature item's `warnings[]`. */
export interface FeatureWarning {
  feature?: OpenEnum<WarningFeature> | null;
  /** The risk code, e.g. `LOW_LIVENESS_SCORE`, `POSSIBLE_DUPLICATED_USER`, `DOCUMENT_EXPIRED`. */
  risk?: string | null;
  /** Details that depend on the risk; usually null. */
  additional_data?: unknown;
  log_type?: OpenEnum<'information' | 'warning' | 'error'> | null;
  short_description?: string | null;
  long_description?: string | null;
  node_id?: string | null;
}

export const featureWarningSchema = typed<FeatureWarning>()(
  z.looseObject({
    feature: z.nullish(open<WarningFeature>()),
    risk: str,
    additional_data: anything,
    log_type: z.nullish(open<'information' | 'warning' | 'error'>()),
    short_description: str,
    long_description: str,
    node_id: str,
  }),
);
const warnings = list(featureWarningSchema);

/** One entry of the decision's `reviews[]`: a status change or note by a reviewer or the API. */
export interface DecisionReview {
  /** The reviewer's email, `API Client`, or `Unknown`. */
  user?: string | null;
  new_status?: SessionStatus | null;
  comment?: string | null;
  created_at?: string | null;
}

export const decisionReviewSchema = typed<DecisionReview>()(
  z.looseObject({ user: str, new_status: z.nullish(sessionStatus), comment: str, created_at: str }),
);

export interface Coordinates {
  latitude?: number | null;
  longitude?: number | null;
}

const coordinatesSchema = typed<Coordinates>()(z.looseObject({ latitude: num, longitude: num }));

/** An address as Didit parsed (and geocoded) it. */
export interface ParsedAddress {
  address_type?: string | null;
  street_1?: string | null;
  street_2?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  postal_code?: string | null;
  label?: string | null;
  category?: string | null;
  is_verified?: boolean | null;
  formatted_address?: string | null;
  /** Where the geocoder placed the address. */
  document_location?: Coordinates | null;
  /** The geocoder's own answer. */
  raw_results?: JsonObject | null;
}

const parsedAddressSchema = typed<ParsedAddress>()(
  z.looseObject({
    address_type: str,
    street_1: str,
    street_2: str,
    city: str,
    region: str,
    country: str,
    postal_code: str,
    label: str,
    category: str,
    is_verified: bool,
    formatted_address: str,
    document_location: z.nullish(coordinatesSchema),
    raw_results: obj,
  }),
);

/**
 * One entry of a feature's `matches[]`: another session (or a block/allow-list entry) that shares
 * a document, face, phone, email, IP or device with this one. Fields depend on the feature.
 */
export interface DuplicateMatch {
  session_id?: string | null;
  session_number?: number | null;
  vendor_data?: string | null;
  verification_date?: string | null;
  status?: SessionStatus | null;
  is_blocklisted?: boolean | null;
  is_allowlisted?: boolean | null;
  api_service?: string | null;
  /** `session`, `imported` or `list_entry`. */
  source?: OpenEnum<'session' | 'imported' | 'list_entry'> | null;
  /** ID verification and liveness: the other session's name and document. */
  user_details?: JsonObject | null;
  /** ID verification. */
  front_image_url?: string | null;
  /** Liveness. */
  similarity_percentage?: number | null;
  /** Liveness. */
  match_image_url?: string | null;
  /** Phone. */
  phone_number?: string | null;
  /** Email. */
  email?: string | null;
  /** IP analysis: `ip_address` or `device_fingerprint`. */
  match_type?: string | null;
  /** IP analysis. */
  match_source?: string | null;
  /** IP analysis. */
  matched_value?: string | null;
  /** IP analysis. */
  device_info?: JsonObject | null;
  /** IP analysis. */
  location_info?: JsonObject | null;
  /** IP analysis, 0 to 1. */
  confidence?: number | null;
  /** IP analysis: `deterministic`, `probabilistic` or `co_occurrence`. */
  match_mode?: string | null;
  recovery_similarity?: number | null;
  tls_ja4_corroborated?: boolean | null;
  recovery_gate_reason?: string | null;
}

const duplicateMatchSchema = typed<DuplicateMatch>()(
  z.looseObject({
    session_id: str,
    session_number: num,
    vendor_data: str,
    verification_date: str,
    status: z.nullish(sessionStatus),
    is_blocklisted: bool,
    is_allowlisted: bool,
    api_service: str,
    source: z.nullish(open<'session' | 'imported' | 'list_entry'>()),
    user_details: obj,
    front_image_url: str,
    similarity_percentage: num,
    match_image_url: str,
    phone_number: str,
    email: str,
    match_type: str,
    match_source: str,
    matched_value: str,
    device_info: obj,
    location_info: obj,
    confidence: num,
    match_mode: str,
    recovery_similarity: num,
    tls_ja4_corroborated: bool,
    recovery_gate_reason: str,
  }),
);
const matches = list(duplicateMatchSchema);

/** One step of a phone or email verification (`lifecycle[]`): a code sent, tried, verified. */
export interface LifecycleEvent {
  /** E.g. `PHONE_VERIFICATION_MESSAGE_SENT`. */
  type?: string | null;
  timestamp?: string | null;
  details?: JsonObject | null;
  /** What the step cost, in credits. */
  fee?: number | null;
}

const lifecycleEventSchema = typed<LifecycleEvent>()(
  z.looseObject({ type: str, timestamp: str, details: obj, fee: num }),
);
const lifecycle = list(lifecycleEventSchema);

// ---------------------------------------------------------------------------------------------
// KYC feature items. Media URLs are short-lived presigned links (re-fetch, never store), and
// null when the API key has no media access.

/** What every feature item carries. */
export interface FeatureItem {
  /** The workflow node that ran it, e.g. `feature_ocr_1` (for per-feature update-status). */
  node_id?: string | null;
  status?: FeatureStatus | null;
  warnings?: FeatureWarning[] | null;
}

/** An item of `id_verifications`: the ID document. */
export interface IdVerification extends FeatureItem {
  document_type?: OpenEnum<DocumentType> | null;
  document_subtype?: string | null;
  document_number?: string | null;
  personal_number?: string | null;
  portrait_image?: string | null;
  front_image?: string | null;
  front_video?: string | null;
  back_image?: string | null;
  back_video?: string | null;
  full_front_image?: string | null;
  full_back_image?: string | null;
  front_image_camera_front?: string | null;
  back_image_camera_front?: string | null;
  /** `YYYY-MM-DD`, like the other dates here. */
  date_of_birth?: string | null;
  age?: number | null;
  expiration_date?: string | null;
  date_of_issue?: string | null;
  /** ISO 3166-1 alpha-3. */
  issuing_state?: string | null;
  issuing_state_name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  full_name?: string | null;
  gender?: string | null;
  address?: string | null;
  formatted_address?: string | null;
  place_of_birth?: string | null;
  marital_status?: string | null;
  nationality?: string | null;
  /** Document-specific fields (licence categories, names in other scripts, ...). */
  extra_fields?: JsonObject | null;
  /** The machine-readable zone, field by field. */
  mrz?: JsonObject | null;
  parsed_address?: ParsedAddress | null;
  extra_files?: string[] | null;
  front_image_camera_front_face_match_score?: number | null;
  back_image_camera_front_face_match_score?: number | null;
  front_image_quality_score?: JsonObject | null;
  back_image_quality_score?: JsonObject | null;
  matches?: DuplicateMatch[] | null;
}

export const idVerificationSchema = typed<IdVerification>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    document_type: z.nullish(open<DocumentType>()),
    document_subtype: str,
    document_number: str,
    personal_number: str,
    portrait_image: str,
    front_image: str,
    front_video: str,
    back_image: str,
    back_video: str,
    full_front_image: str,
    full_back_image: str,
    front_image_camera_front: str,
    back_image_camera_front: str,
    date_of_birth: str,
    age: num,
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
    place_of_birth: str,
    marital_status: str,
    nationality: str,
    extra_fields: obj,
    mrz: obj,
    parsed_address: z.nullish(parsedAddressSchema),
    extra_files: strList,
    front_image_camera_front_face_match_score: num,
    back_image_camera_front_face_match_score: num,
    front_image_quality_score: obj,
    back_image_quality_score: obj,
    matches,
  }),
);

export interface NfcAuthenticity {
  /** The chip's Document Security Object signature is valid. */
  sod_integrity?: boolean | null;
  /** The chip's data groups match their hashes. */
  dg_integrity?: boolean | null;
}

/** An item of `nfc_verifications`: the document's chip. */
export interface NfcVerification extends FeatureItem {
  portrait_image?: string | null;
  signature_image?: string | null;
  /** The data read from the chip. */
  chip_data?: JsonObject | null;
  authenticity?: NfcAuthenticity | null;
  /** The document signer certificate (issuer, subject, validity). */
  certificate_summary?: JsonObject | null;
}

export const nfcVerificationSchema = typed<NfcVerification>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    portrait_image: str,
    signature_image: str,
    chip_data: obj,
    authenticity: z.nullish(z.looseObject({ sod_integrity: bool, dg_integrity: bool })),
    certificate_summary: obj,
  }),
);

/** An item of `liveness_checks`. */
export interface LivenessCheck extends FeatureItem {
  /** E.g. `ACTIVE_3D`, `PASSIVE`. */
  method?: string | null;
  /** Seen as 0–100 here and 0–1 in list rows: compare against your own threshold. */
  score?: number | null;
  reference_image?: string | null;
  video_url?: string | null;
  /** Estimated age in years. */
  age_estimation?: number | null;
  face_quality?: number | null;
  face_luminance?: number | null;
  matches?: DuplicateMatch[] | null;
}

export const livenessCheckSchema = typed<LivenessCheck>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    method: str,
    score: num,
    reference_image: str,
    video_url: str,
    age_estimation: num,
    face_quality: num,
    face_luminance: num,
    matches,
  }),
);

/** An item of `face_matches`: the selfie against the document portrait (or `portrait_image`). */
export interface FaceMatch extends FeatureItem {
  /** Similarity; seen as 0–100 here and 0–1 in list rows. */
  score?: number | null;
  source_image_session_id?: string | null;
  source_image?: string | null;
  target_image?: string | null;
}

export const faceMatchSchema = typed<FaceMatch>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    score: num,
    source_image_session_id: str,
    source_image: str,
    target_image: str,
  }),
);

/** An item of `phone_verifications`. */
export interface PhoneVerification extends FeatureItem {
  phone_number_prefix?: string | null;
  phone_number?: string | null;
  /** E.164. */
  full_number?: string | null;
  country_code?: string | null;
  country_name?: string | null;
  /** `{ name, type }` of the carrier. */
  carrier?: JsonObject | null;
  is_disposable?: boolean | null;
  is_virtual?: boolean | null;
  verification_method?: string | null;
  verification_attempts?: number | null;
  verified_at?: string | null;
  lifecycle?: LifecycleEvent[] | null;
  matches?: DuplicateMatch[] | null;
}

export const phoneVerificationSchema = typed<PhoneVerification>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    phone_number_prefix: str,
    phone_number: str,
    full_number: str,
    country_code: str,
    country_name: str,
    carrier: obj,
    is_disposable: bool,
    is_virtual: bool,
    verification_method: str,
    verification_attempts: num,
    verified_at: str,
    lifecycle,
    matches,
  }),
);

/** An item of `email_verifications`. */
export interface EmailVerification extends FeatureItem {
  email?: string | null;
  is_breached?: boolean | null;
  /** Known data breaches that include this address. */
  breaches?: JsonObject[] | null;
  is_disposable?: boolean | null;
  is_undeliverable?: boolean | null;
  verification_attempts?: number | null;
  verified_at?: string | null;
  lifecycle?: LifecycleEvent[] | null;
  matches?: DuplicateMatch[] | null;
}

export const emailVerificationSchema = typed<EmailVerification>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    email: str,
    is_breached: bool,
    breaches: objList,
    is_disposable: bool,
    is_undeliverable: bool,
    verification_attempts: num,
    verified_at: str,
    lifecycle,
    matches,
  }),
);

/** An item of `poa_verifications`: a proof-of-address document. */
export interface PoaVerification extends FeatureItem {
  document_file?: string | null;
  issuing_state?: string | null;
  /** E.g. `UTILITY_BILL`, `BANK_STATEMENT`. */
  document_type?: string | null;
  document_subtype?: string | null;
  document_language?: string | null;
  /** File metadata and tampering signals. */
  document_metadata?: JsonObject | null;
  issuer?: string | null;
  issue_date?: string | null;
  expiration_date?: string | null;
  poa_address?: string | null;
  poa_formatted_address?: string | null;
  poa_parsed_address?: ParsedAddress | null;
  name_on_document?: string | null;
  name_match_score_expected_details?: number | null;
  name_match_score_id_verification?: number | null;
  expected_details_address?: string | null;
  expected_details_formatted_address?: string | null;
  expected_details_parsed_address?: ParsedAddress | null;
  /** Bank details, phone number and other names found on the document. */
  extra_fields?: JsonObject | null;
  extra_files?: string[] | null;
}

export const poaVerificationSchema = typed<PoaVerification>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    document_file: str,
    issuing_state: str,
    document_type: str,
    document_subtype: str,
    document_language: str,
    document_metadata: obj,
    issuer: str,
    issue_date: str,
    expiration_date: str,
    poa_address: str,
    poa_formatted_address: str,
    poa_parsed_address: z.nullish(parsedAddressSchema),
    name_on_document: str,
    name_match_score_expected_details: num,
    name_match_score_id_verification: num,
    expected_details_address: str,
    expected_details_formatted_address: str,
    expected_details_parsed_address: z.nullish(parsedAddressSchema),
    extra_fields: obj,
    extra_files: strList,
  }),
);

/** One uploaded file of a Document AI node (`document_ai_documents[].items[]`). */
export interface DocumentAiItem {
  uuid?: string | null;
  node_id?: string | null;
  /** The document slot it was uploaded for, e.g. `proof_of_funds`. */
  document_key?: string | null;
  original_filename?: string | null;
  file_size?: number | null;
  file_url?: string | null;
  status?: FeatureStatus | null;
  /** The values extracted, keyed by the workflow's field keys. */
  extracted_data?: JsonObject | null;
  /** The fields the workflow asked to extract. */
  fields?: JsonObject[] | null;
  document_metadata?: JsonObject | null;
  cross_check_result?: JsonObject | null;
  created_at?: string | null;
}

const documentAiItemSchema = typed<DocumentAiItem>()(
  z.looseObject({
    uuid: str,
    node_id: str,
    document_key: str,
    original_filename: str,
    file_size: num,
    file_url: str,
    status: featureStatus,
    extracted_data: obj,
    fields: objList,
    document_metadata: obj,
    cross_check_result: obj,
    created_at: str,
  }),
);

/** An item of `document_ai_documents`: one Document AI node and its files. */
export interface DocumentAiDocument extends FeatureItem {
  items?: DocumentAiItem[] | null;
}

export const documentAiDocumentSchema = typed<DocumentAiDocument>()(
  z.looseObject({ node_id: str, status: featureStatus, warnings, items: list(documentAiItemSchema) }),
);

/** An item of `questionnaire_responses`: a questionnaire and the user's answers. */
export interface QuestionnaireResponse extends FeatureItem {
  questionnaire_id?: string | null;
  title?: string | null;
  description?: string | null;
  languages?: string[] | null;
  default_language?: string | null;
  is_active?: boolean | null;
  is_simple_questionnaire?: boolean | null;
  questionnaire_group_id?: string | null;
  version?: number | null;
  published_at?: string | null;
  /** The questions, grouped, each with its `answer`. */
  sections?: JsonObject[] | null;
}

export const questionnaireResponseSchema = typed<QuestionnaireResponse>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    questionnaire_id: str,
    title: str,
    description: str,
    languages: strList,
    default_language: str,
    is_active: bool,
    is_simple_questionnaire: bool,
    questionnaire_group_id: str,
    version: num,
    published_at: str,
    sections: objList,
  }),
);

/** One entry of an AML screening's `hits[]`: a watch-list entity that may be the person or company. */
export interface AmlHit {
  id?: string | null;
  url?: string | null;
  match?: boolean | null;
  /** Deprecated, 0 to 1: use `match_score`. */
  score?: number | null;
  target?: boolean | null;
  caption?: string | null;
  datasets?: string[] | null;
  features?: JsonObject | null;
  rca_name?: string | null;
  last_seen?: string | null;
  first_seen?: string | null;
  risk_view?: JsonObject | null;
  /** The entity's attributes (names, aliases, birth dates, ...), each a list of strings. */
  properties?: JsonObject | null;
  /** 0 to 100: how well the entity matches the screened data. */
  match_score?: number | null;
  /** 0 to 100: how risky the entity is. */
  risk_score?: number | null;
  review_status?: OpenEnum<AmlReviewStatus> | null;
  score_breakdown?: JsonObject | null;
  pep_matches?: JsonObject[] | null;
  linked_entities?: JsonObject[] | null;
  warning_matches?: JsonObject[] | null;
  sanction_matches?: JsonObject[] | null;
  adverse_media_details?: JsonObject | null;
  adverse_media_matches?: JsonObject[] | null;
  additional_information?: JsonObject | null;
}

export const amlHitSchema = typed<AmlHit>()(
  z.looseObject({
    id: str,
    url: str,
    match: bool,
    score: num,
    target: bool,
    caption: str,
    datasets: strList,
    features: obj,
    rca_name: str,
    last_seen: str,
    first_seen: str,
    risk_view: obj,
    properties: obj,
    match_score: num,
    risk_score: num,
    review_status: z.nullish(open<AmlReviewStatus>()),
    score_breakdown: obj,
    pep_matches: objList,
    linked_entities: objList,
    warning_matches: objList,
    sanction_matches: objList,
    adverse_media_details: obj,
    adverse_media_matches: objList,
    additional_information: obj,
  }),
);

/** An item of `aml_screenings`: sanctions, PEP and adverse-media screening. */
export interface AmlScreening extends FeatureItem {
  total_hits?: number | null;
  entity_type?: OpenEnum<'person' | 'company'> | null;
  hits?: AmlHit[] | null;
  /** 0 to 100: the highest hit's score. */
  score?: number | null;
  /** The name, nationality, date of birth and document number that were screened. */
  screened_data?: JsonObject | null;
  is_ongoing_monitoring_enabled?: boolean | null;
  next_ongoing_monitoring_bill_date?: string | null;
}

export const amlScreeningSchema = typed<AmlScreening>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    total_hits: num,
    entity_type: z.nullish(open<'person' | 'company'>()),
    hits: list(amlHitSchema),
    score: num,
    screened_data: obj,
    is_ongoing_monitoring_enabled: bool,
    next_ongoing_monitoring_bill_date: str,
  }),
);

/** An item of `ip_analyses`: the device and IP the user verified from. */
export interface IpAnalysis extends FeatureItem {
  device_brand?: string | null;
  device_model?: string | null;
  browser_family?: string | null;
  os_family?: string | null;
  platform?: string | null;
  device_fingerprint?: string | null;
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
  /** The IP's location and its distance (km) from the ID and PoA documents' addresses. */
  ip?: JsonObject | null;
  /** The ID document address's location and distances. */
  id_document?: JsonObject | null;
  /** The PoA document address's location and distances. */
  poa_document?: JsonObject | null;
  matches?: DuplicateMatch[] | null;
}

export const ipAnalysisSchema = typed<IpAnalysis>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    device_brand: str,
    device_model: str,
    browser_family: str,
    os_family: str,
    platform: str,
    device_fingerprint: str,
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
    ip: obj,
    id_document: obj,
    poa_document: obj,
    matches,
  }),
);

/** An item of `database_validations`: the identity checked against government databases. */
export interface DatabaseValidation extends FeatureItem {
  issuing_state?: string | null;
  validation_type?: OpenEnum<'one_by_one' | 'two_by_two' | 'not_enabled'> | null;
  /** The data sent to the databases. */
  screened_data?: JsonObject | null;
  /** One entry per database service asked, with its outcome. */
  validations?: JsonObject[] | null;
  errors?: JsonObject[] | null;
  match_type?: OpenEnum<'no_match' | 'partial_match' | 'full_match'> | null;
}

export const databaseValidationSchema = typed<DatabaseValidation>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    issuing_state: str,
    validation_type: z.nullish(open<'one_by_one' | 'two_by_two' | 'not_enabled'>()),
    screened_data: obj,
    validations: objList,
    errors: objList,
    match_type: z.nullish(open<'no_match' | 'partial_match' | 'full_match'>()),
  }),
);

// ---------------------------------------------------------------------------------------------
// KYB feature items (`session_kind: "business"`)

/** An item of `registry_checks`: the company as its registry knows it. */
export interface RegistryCheck extends FeatureItem {
  data_resolved?: boolean | null;
  /** The registry's company record: names, numbers, address, officers, beneficial owners, ... */
  company?: JsonObject | null;
  ownership_structure?: JsonObject | null;
}

export const registryCheckSchema = typed<RegistryCheck>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    data_resolved: bool,
    company: obj,
    ownership_structure: obj,
  }),
);

/** How many of a company's key people passed their own KYC. */
export interface UboKycSummary {
  total?: number | null;
  approved?: number | null;
  flagged?: number | null;
  pending?: number | null;
}

/** An item of `key_people_checks`: officers and beneficial owners, from the registry and the user. */
export interface KeyPeopleCheck extends FeatureItem {
  /** Officers and beneficial owners from the registry, with their KYC and AML status. */
  registry?: JsonObject | null;
  /** The parties the user declared. */
  submitted?: JsonObject | null;
  ubo_kyc_summary?: UboKycSummary | null;
}

export const keyPeopleCheckSchema = typed<KeyPeopleCheck>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    registry: obj,
    submitted: obj,
    ubo_kyc_summary: z.nullish(z.looseObject({ total: num, approved: num, flagged: num, pending: num })),
  }),
);

/** One company document (`document_verifications[].items[]`). */
export interface KybDocument {
  uuid?: string | null;
  /** `LEGAL_PRESENCE`, `COMPANY_DETAILS`, `OWNERSHIP_STRUCTURE`, `REPRESENTATIVES_AUTHORIZATION` or `OTHER`. */
  document_type?: string | null;
  document_subtype?: string | null;
  /** The same values as `document_type`. */
  document_group?: string | null;
  file_url?: string | null;
  original_filename?: string | null;
  file_size?: number | null;
  status?: FeatureStatus | null;
  created_at?: string | null;
  cross_check_result?: JsonObject | null;
  document_metadata?: JsonObject | null;
  description?: string | null;
  is_requested?: boolean | null;
  ocr_data?: JsonObject | null;
  is_console_upload?: boolean | null;
  is_confirmed?: boolean | null;
}

const kybDocumentSchema = typed<KybDocument>()(
  z.looseObject({
    uuid: str,
    document_type: str,
    document_subtype: str,
    document_group: str,
    file_url: str,
    original_filename: str,
    file_size: num,
    status: featureStatus,
    created_at: str,
    cross_check_result: obj,
    document_metadata: obj,
    description: str,
    is_requested: bool,
    ocr_data: obj,
    is_console_upload: bool,
    is_confirmed: bool,
  }),
);

/** An item of `document_verifications`: the company documents, by group. */
export interface DocumentVerification extends FeatureItem {
  items?: KybDocument[] | null;
  /** Per document group: how many were required, uploaded and approved. */
  groups?: JsonObject | null;
  required_groups?: string[] | null;
}

export const documentVerificationSchema = typed<DocumentVerification>()(
  z.looseObject({
    node_id: str,
    status: featureStatus,
    warnings,
    items: list(kybDocumentSchema),
    groups: obj,
    required_groups: strList,
  }),
);

// ---------------------------------------------------------------------------------------------
// The decision

/** The `expected_details` sent at creation, as the decision echoes them. */
export interface ExpectedDetails {
  first_name?: string | null;
  last_name?: string | null;
  date_of_birth?: string | null;
  gender?: OpenEnum<'M' | 'F'> | null;
  nationality?: string | null;
  country?: string | null;
  id_country?: string | null;
  poa_country?: string | null;
  address?: string | null;
  identification_number?: string | null;
  ip_address?: string | null;
  expected_document_types?: string[] | null;
  company_name?: string | null;
  registry_country?: string | null;
  registration_number?: string | null;
}

const expectedDetailsSchema = typed<ExpectedDetails>()(
  z.looseObject({
    first_name: str,
    last_name: str,
    date_of_birth: str,
    gender: z.nullish(open<'M' | 'F'>()),
    nationality: str,
    country: str,
    id_country: str,
    poa_country: str,
    address: str,
    identification_number: str,
    ip_address: str,
    expected_document_types: strList,
    company_name: str,
    registry_country: str,
    registration_number: str,
  }),
);

/** The `contact_details` sent at creation, as the decision echoes them. */
export interface ContactDetails {
  email?: string | null;
  email_lang?: string | null;
  send_notification_emails?: boolean | null;
  phone?: string | null;
}

const contactDetailsSchema = typed<ContactDetails>()(
  z.looseObject({ email: str, email_lang: str, send_notification_emails: bool, phone: str }),
);

/**
 * The body of `GET /v3/session/{sessionId}/decision/`, for both session kinds. Each feature
 * block is an array (one item per workflow node), or null until the workflow has run it.
 */
export interface SessionDecision {
  session_id: string;
  status: SessionStatus;
  /** `user` (KYC) or `business` (KYB). */
  session_kind?: SessionKind | null;
  session_number?: number | null;
  /** The hosted verification page; null when the API key cannot write sessions. */
  session_url?: string | null;
  environment?: OpenEnum<Environment> | null;
  workflow_id?: string | null;
  features?: OpenEnum<DecisionFeature>[] | null;
  vendor_data?: string | null;
  /** What you sent as `metadata` at creation (any JSON). */
  metadata?: unknown;
  expected_details?: ExpectedDetails | null;
  contact_details?: ContactDetails | null;
  callback?: string | null;
  reviews?: DecisionReview[] | null;
  created_at?: string | null;
  expires_at?: string | null;
  id_verifications?: IdVerification[] | null;
  nfc_verifications?: NfcVerification[] | null;
  liveness_checks?: LivenessCheck[] | null;
  face_matches?: FaceMatch[] | null;
  phone_verifications?: PhoneVerification[] | null;
  email_verifications?: EmailVerification[] | null;
  poa_verifications?: PoaVerification[] | null;
  document_ai_documents?: DocumentAiDocument[] | null;
  questionnaire_responses?: QuestionnaireResponse[] | null;
  aml_screenings?: AmlScreening[] | null;
  ip_analyses?: IpAnalysis[] | null;
  database_validations?: DatabaseValidation[] | null;
  /** KYB. */
  registry_checks?: RegistryCheck[] | null;
  /** KYB. */
  key_people_checks?: KeyPeopleCheck[] | null;
  /** KYB. */
  document_verifications?: DocumentVerification[] | null;
}

/** @internal The decision's fields, for schemas that extend it (the imported session). */
export const decisionShape = {
  session_id: z.string(),
  status: sessionStatus,
  session_kind: z.nullish(open<SessionKind>()),
  session_number: num,
  session_url: str,
  environment: z.nullish(open<Environment>()),
  workflow_id: str,
  features: z.nullish(z.array(open<DecisionFeature>())),
  vendor_data: str,
  metadata: anything,
  expected_details: z.nullish(expectedDetailsSchema),
  contact_details: z.nullish(contactDetailsSchema),
  callback: str,
  reviews: list(decisionReviewSchema),
  created_at: str,
  expires_at: str,
  id_verifications: list(idVerificationSchema),
  nfc_verifications: list(nfcVerificationSchema),
  liveness_checks: list(livenessCheckSchema),
  face_matches: list(faceMatchSchema),
  phone_verifications: list(phoneVerificationSchema),
  email_verifications: list(emailVerificationSchema),
  poa_verifications: list(poaVerificationSchema),
  document_ai_documents: list(documentAiDocumentSchema),
  questionnaire_responses: list(questionnaireResponseSchema),
  aml_screenings: list(amlScreeningSchema),
  ip_analyses: list(ipAnalysisSchema),
  database_validations: list(databaseValidationSchema),
  registry_checks: list(registryCheckSchema),
  key_people_checks: list(keyPeopleCheckSchema),
  document_verifications: list(documentVerificationSchema),
};

export const sessionDecisionSchema = typed<SessionDecision>()(z.looseObject(decisionShape));

/**
 * The decision's feature arrays (one item per workflow node), in the schema's order: what tells a
 * v3 decision from a v1 one, and what the mock fills from its fixtures.
 */
export const V3_FEATURE_ARRAYS = [
  'id_verifications',
  'nfc_verifications',
  'liveness_checks',
  'face_matches',
  'phone_verifications',
  'email_verifications',
  'poa_verifications',
  'document_ai_documents',
  'questionnaire_responses',
  'aml_screenings',
  'ip_analyses',
  'database_validations',
  'registry_checks',
  'key_people_checks',
  'document_verifications',
] as const satisfies readonly (keyof typeof decisionShape)[];
