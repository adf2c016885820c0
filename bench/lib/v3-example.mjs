// Didit's v3 user decision example, the spec's own, from the vendored copy beside core's OpenAPI
// document (packages/core/spec/examples/v3/, the one copy the repository reads).
import { fileURLToPath } from 'node:url';

/** Path of `decision.user.json`: the body of `GET /v3/session/{id}/decision/` in the spec's example. */
export const V3_DECISION_EXAMPLE = fileURLToPath(
  new URL('../../packages/core/spec/examples/v3/decision.user.json', import.meta.url),
);
