/**
 * The ONE list of places where Didit's OpenAPI (`packages/core/spec/didit-openapi-v3.json`) is wrong in practice,
 * each with its reason quoted from the contract (the team's notes on Didit's v3 API; "§" = its sections) or
 * the spec's own example. `test/support/openapi.ts` applies them by patching the converted schema — never by skipping a
 * response — and `v3/openapi.test.ts` checks that every entry still points at something in the spec.
 * `at` walks the response body: `a.b[].c` (`[]` = the array's items).
 */
export type SchemaException =
  | { kind: 'nullable'; operation: string; status: number; at: readonly string[]; reason: string }
  | { kind: 'naive-date-time'; operation: string; status: number; at: readonly string[]; reason: string }
  | { kind: 'undocumented-status'; operation: string; status: number; reason: string };

const DECISION = 'GET /v3/session/{sessionId}/decision/';

const SCOPED_KEY_MEDIA =
  'Contract §1 (Scoped keys): "no media access → every image/video/PDF URL in a decision is `null`" … ' +
  '"Hence all media URLs and `session_url` are nullable even where OAS types them `string`."';

export const OPENAPI_EXCEPTIONS: readonly SchemaException[] = [
  {
    kind: 'nullable',
    operation: DECISION,
    status: 200,
    at: [
      'id_verifications[].portrait_image',
      'id_verifications[].front_image',
      'id_verifications[].front_video',
      'id_verifications[].back_image',
      'id_verifications[].back_video',
      'id_verifications[].full_front_image',
      'id_verifications[].full_back_image',
      'id_verifications[].front_image_camera_front',
      'id_verifications[].back_image_camera_front',
      'id_verifications[].extra_files[]',
      'nfc_verifications[].portrait_image',
      'nfc_verifications[].signature_image',
      'liveness_checks[].reference_image',
      'liveness_checks[].video_url',
      'face_matches[].source_image',
      'face_matches[].target_image',
      'poa_verifications[].document_file',
      'poa_verifications[].extra_files[]',
    ],
    reason: SCOPED_KEY_MEDIA,
  },
  {
    kind: 'nullable',
    operation: 'GET /v3/sessions/',
    status: 200,
    at: [
      'results[].additional_details.face_match.source_image',
      'results[].additional_details.face_match.target_image',
    ],
    reason: SCOPED_KEY_MEDIA,
  },
  {
    kind: 'nullable',
    operation: 'POST /v3/session/',
    status: 201,
    at: ['url', 'session_token'],
    reason:
      'Contract §1 (Scoped keys): "no sessions write → `session_url` and `session_token` are `null`"; ' +
      'create\'s `url` is the session URL ("Hence all media URLs and `session_url` are nullable").',
  },
  {
    kind: 'naive-date-time',
    operation: DECISION,
    status: 200,
    at: [
      'nfc_verifications[].certificate_summary.not_valid_after',
      'nfc_verifications[].certificate_summary.not_valid_before',
      'aml_screenings[].hits[].first_seen',
      'aml_screenings[].hits[].last_seen',
      'aml_screenings[].hits[].adverse_media_matches[].publication_date',
    ],
    reason:
      "Typed `format: date-time` (RFC 3339, offset required), yet the spec's own decision example — Didit's real " +
      'output — has naive timestamps: `"not_valid_after": "2031-02-18 10:21:11"`, `"first_seen": ' +
      '"2025-01-18T00:00:00"`, `"publication_date": "2025-06-06T08:08:15"` (Django serialising naive datetimes).',
  },

  ...[
    ['POST /v3/transactions/', 201],
    ['GET /v3/transactions/{transaction_id}/', 200],
    ['POST /v1/transactions/', 201],
    ['GET /v1/transactions/{transaction_id}/', 200],
  ].map(
    ([operation, status]): SchemaException => ({
      kind: 'nullable',
      operation: operation as string,
      status: status as number,
      at: ['action_required'],
      reason:
        'The spec types `action_required` `nullable: true` and describes it as "or null when there is none", but ' +
        'puts the `nullable` beside a `oneOf` of two objects: as JSON Schema, null then matches neither alternative.',
    }),
  ),
];
