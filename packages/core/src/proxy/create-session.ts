import type { Endpoint } from '../endpoints/endpoint.ts';
import { ConfigurationError, InvalidArgumentError } from '../errors.ts';
import type { ResponseReader } from '../request-options.ts';
import type {
  CreatedSession as V1CreatedSession,
  CreateSessionRequest as V1CreateSessionRequest,
} from '../v1/schemas/session.schema.ts';
import type {
  CreatedSession as V3CreatedSession,
  CreateSessionRequest as V3CreateSessionRequest,
} from '../v3/schemas/session.schema.ts';
import { describeIssues, validateBody } from '../validation.ts';
import { PROXY_CONFIGURATION_CODES } from './proxy-error-codes.ts';
import { jsonResult, type ProxyResult } from './proxy-result.ts';

/**
 * The body of a create: v3 `{ workflow_id, vendor_data, callback, ... }`, v1 `{ vendor_data, callback }`.
 * Checked against the proxy client's generation before anything is sent.
 */
export type DiditProxyCreateBody = V3CreateSessionRequest | V1CreateSessionRequest;

/** What Didit answers a create with (`session_id`, `url`, ...): v3's or v1's shape. */
export type DiditProxyCreatedSession = V3CreatedSession | V1CreatedSession;

/** `prepareCreate`'s answer: the body to send, or a refusal (403, nothing sent). */
export type DiditProxyCreateDecision = DiditProxyCreateBody | null | undefined | false;

export interface CreateSessionHooks {
  prepareCreate: (request: Request) => DiditProxyCreateDecision | Promise<DiditProxyCreateDecision>;
  onCreated: ((session: DiditProxyCreatedSession, request: Request) => void | Promise<void>) | undefined;
  /** The proxy's upstream call: honours a held 429 and reports failures. */
  upstream: (call: () => Promise<ProxyResult>) => Promise<ProxyResult>;
  /** Reports an app-side failure (a throwing hook, an invalid prepared body). */
  report: (error: unknown) => void;
  send: (body: unknown, read: ResponseReader<ProxyResult>) => Promise<ProxyResult>;
}

const REFUSED = { detail: 'You do not have permission to perform this action.' };

/**
 * `POST {prefix}/{v3|v1}/session/`: the body comes from the server (`prepareCreate`, which knows
 * the signed-in user), never from the browser, whose body is not even read: a visitor cannot pick
 * another user's `vendor_data` or a workflow of their choosing. Didit's answer goes back as JSON
 * with its status (201) after `onCreated` has run, so a session's owner is recorded before the
 * browser can ask for its decision.
 */
export async function createSession(
  endpoint: Endpoint<string, unknown, unknown>,
  request: Request,
  hooks: CreateSessionHooks,
): Promise<ProxyResult> {
  let prepared: unknown;
  try {
    prepared = await hooks.prepareCreate(request);
  } catch (error) {
    hooks.report(error);
    return jsonResult(500, { detail: 'Internal error.' });
  }
  if (prepared === null || prepared === undefined || prepared === false) return jsonResult(403, REFUSED);
  let body: unknown;
  try {
    body = endpoint.body ? validateBody(endpoint.body, prepared, endpoint.name) : prepared;
  } catch (error) {
    // The server built it, so it is the server's configuration at fault: the fields go to its log,
    // and the browser gets a code its client turns into a ConfigurationError (never retried).
    if (!(error instanceof InvalidArgumentError)) throw error;
    hooks.report(
      new ConfigurationError(
        `createDiditProxy: prepareCreate returned a body Didit would refuse (${describeIssues(error.issues)}); ` +
          "return the create body of your client's generation (v3: { workflow_id, vendor_data, ... })",
        { status: 500 },
      ),
    );
    return jsonResult(500, {
      detail: 'The verification service is not configured correctly.',
      code: PROXY_CONFIGURATION_CODES.invalidCreateBody,
    });
  }
  let session: unknown;
  const read: ResponseReader<ProxyResult> = async (response, requestId) => {
    session = await endpoint.read(response, requestId);
    const result = jsonResult(response.status, session);
    if (requestId) result.headers['x-request-id'] = requestId;
    return result;
  };
  const result = await hooks.upstream(() => hooks.send(body, read));
  // Only a session Didit created: not an error, nor the 429 of a hold on every upstream call.
  if (session !== undefined && hooks.onCreated) {
    try {
      await hooks.onCreated(session as DiditProxyCreatedSession, request);
    } catch (error) {
      // Without the record, the user could not read the decision of the session they start.
      hooks.report(error);
      return jsonResult(500, { detail: 'Internal error.' });
    }
  }
  return result;
}
