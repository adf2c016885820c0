import { V3_FEATURE_ARRAYS } from '@didit-kit/core/server';
import { isJsonObject, type JsonObject } from '../json.ts';

// The feature tables of a v3 decision: its plural arrays (`id_verifications`, `aml_screenings`, ...)
// by the names the other routes and bodies give them.

/** `nodes_to_resubmit[].feature` choices, in the order of Didit's 400 (OAS example). */
export const RESUBMIT_FEATURES: readonly string[] = [
  'OCR',
  'OCR_BACK',
  'NFC',
  'AML',
  'FACE',
  'LIVENESS',
  'FACE_MATCH',
  'IP_ANALYSIS',
  'AGE_ESTIMATION',
  'PROOF_OF_ADDRESS',
  'PHONE_VERIFICATION',
  'EMAIL_VERIFICATION',
  'FACE_SEARCH',
  'DATABASE_VALIDATION',
  'QUESTIONNAIRE',
  'KYB_REGISTRY',
  'KYB_DOCUMENTS',
  'KYB_KEY_PEOPLE',
  'ID_VERIFICATION',
  'POA',
  'PHONE',
  'EMAIL',
  'KYB',
];

/** KYB parent features: Didit refuses to resubmit them as a whole. */
export const KYB_PARENTS: readonly string[] = ['KYB', 'KYB_REGISTRY', 'KYB_DOCUMENTS', 'KYB_KEY_PEOPLE'];

/** The decision's feature arrays, by the feature name `update-status` and the per-feature route use. */
export const FEATURE_TYPES: Readonly<Record<string, string>> = {
  id_verifications: 'OCR',
  nfc_verifications: 'NFC',
  liveness_checks: 'LIVENESS',
  face_matches: 'FACE_MATCH',
  phone_verifications: 'PHONE',
  email_verifications: 'EMAIL',
  poa_verifications: 'PROOF_OF_ADDRESS',
  document_ai_documents: 'DOCUMENT_AI',
  questionnaire_responses: 'QUESTIONNAIRE',
  aml_screenings: 'AML',
  ip_analyses: 'IP_ANALYSIS',
  database_validations: 'DATABASE_VALIDATION',
  registry_checks: 'KYB_REGISTRY',
  document_verifications: 'KYB_DOCUMENTS',
  key_people_checks: 'KYB_KEY_PEOPLE',
};

/** The feature names of a list row (`GET /v3/sessions/`), by decision array; arrays with no list name are left out. */
export const LIST_FEATURES: Readonly<Record<string, string>> = {
  id_verifications: 'ID_VERIFICATION',
  nfc_verifications: 'NFC',
  liveness_checks: 'LIVENESS',
  face_matches: 'FACE_MATCH',
  phone_verifications: 'PHONE',
  email_verifications: 'EMAIL_VERIFICATION',
  poa_verifications: 'POA',
  questionnaire_responses: 'QUESTIONNAIRE',
  aml_screenings: 'AML',
  ip_analyses: 'IP_ANALYSIS',
  database_validations: 'DATABASE_VALIDATION',
};

/** One item of a feature array, with the array it is in. */
export interface FeatureItem {
  array: string;
  item: JsonObject;
}

/** Every item of every feature array of a decision, in the table's order. */
export function featureItems(decision: JsonObject): FeatureItem[] {
  const found: FeatureItem[] = [];
  for (const array of V3_FEATURE_ARRAYS) {
    const items = decision[array];
    if (!Array.isArray(items)) continue;
    for (const item of items) if (isJsonObject(item)) found.push({ array, item });
  }
  return found;
}

/** The first item of one feature array. */
export function first(decision: JsonObject, array: string): JsonObject | undefined {
  const items = decision[array];
  return Array.isArray(items) && isJsonObject(items[0]) ? items[0] : undefined;
}
