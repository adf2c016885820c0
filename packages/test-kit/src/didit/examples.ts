// Didit's example bodies, read from the one vendored copy beside core's OpenAPI document:
// packages/core/spec/examples/v3/ (each the value of one example of the spec; its README says which)
// and packages/core/spec/examples/v1/ (the v1 examples the seed comes from).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A path, not a URL: under jsdom the global URL is jsdom's, which node:fs does not accept.
const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', '..', 'core', 'spec', 'examples');

/** The files of packages/core/spec/examples/v3/. */
export type V3ExampleName =
  | 'batch-delete.request.all.json'
  | 'batch-delete.request.numbers.json'
  | 'create-session.request.kyb.json'
  | 'create-session.request.kyc.json'
  | 'create-session.response.kyb.json'
  | 'create-session.response.kyc.json'
  | 'decision.business.json'
  | 'decision.user.json'
  | 'error.400.create.insufficient-credits.json'
  | 'error.400.create.invalid-workflow-id.json'
  | 'error.400.create.missing-workflow-id.json'
  | 'error.400.list.invalid-date.json'
  | 'error.400.sandbox-arm.already-started.json'
  | 'error.400.share.not-finished.json'
  | 'error.400.update-status.invalid-feature.json'
  | 'error.400.update-status.same-status.json'
  | 'error.400.update-status.wrong-current-status.json'
  | 'error.401.share.json'
  | 'error.403.invalid-credentials.json'
  | 'error.403.no-permission.json'
  | 'error.403.pdf.not-finished.json'
  | 'error.404.not-found.json'
  | 'error.404.session-not-found.json'
  | 'error.429.create.json'
  | 'error.429.create.sandbox-quota.json'
  | 'error.429.get.json'
  | 'error.429.pdf.json'
  | 'error.429.write.json'
  | 'import-shared.request.json'
  | 'import-shared.response.business.json'
  | 'import-shared.response.user.json'
  | 'list-sessions.all.json'
  | 'list-sessions.user.json'
  | 'reviews.create.request.comment-only.json'
  | 'reviews.create.request.json'
  | 'reviews.create.response.comment-only.json'
  | 'reviews.create.response.json'
  | 'reviews.list.empty.json'
  | 'reviews.list.json'
  | 'reviews.list.paginated.json'
  | 'sandbox-arm.request.json'
  | 'sandbox-arm.response.json'
  | 'share.request.json'
  | 'share.response.business.json'
  | 'share.response.user.json'
  | 'update-feature-status.response.json'
  | 'update-status.request.approve.json'
  | 'update-status.request.decline.json'
  | 'update-status.request.resubmit-auto.json'
  | 'update-status.request.resubmit.json'
  | 'update-status.response.json';

/** The files of packages/core/spec/examples/v1/. */
export type V1ExampleName =
  | 'auth-token.response.json'
  | 'create-session.request.json'
  | 'create-session.response.json'
  | 'decision.declined-aml.json'
  | 'update-status.request.json'
  | 'update-status.response.json'
  | 'webhook.declined-with-decision.json'
  | 'webhook.kyc-expired.json';

/** The file of a v3 example (for a test that wants its bytes). */
export const v3ExamplePath = (name: V3ExampleName): string => join(EXAMPLES_DIR, 'v3', name);
/** The file of a v1 example (for a test that wants its bytes). */
export const v1ExamplePath = (name: V1ExampleName): string => join(EXAMPLES_DIR, 'v1', name);

const cache = new Map<string, string>();
function read(path: string): unknown {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    cache.set(path, text);
  }
  return JSON.parse(text);
}

/** A fresh copy of one of Didit's v3 examples (its OpenAPI's own). */
export function v3Example<T = unknown>(name: V3ExampleName): T {
  return read(v3ExamplePath(name)) as T;
}

/** A fresh copy of one of Didit's v1 examples; `decision.declined-aml.json` is the seed decision. */
export function v1Example<T = unknown>(name: V1ExampleName): T {
  return read(v1ExamplePath(name)) as T;
}
