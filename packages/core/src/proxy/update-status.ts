import type { DiditClient } from '../client.ts';
import type { Endpoint } from '../endpoints/endpoint.ts';
import { requestEndpoint } from '../endpoints/request-endpoint.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { RequestOptions, ResponseReader } from '../request-options.ts';
import { validateBody } from '../validation.ts';
import { fieldErrors, jsonResult, type ProxyResult } from './proxy-result.ts';
import { readLimitedText } from './read-limited-body.ts';

/** The most a review body may weigh: `{new_status, comment, ...}` is far smaller. */
const MAX_UPDATE_BODY_BYTES = 16_384;

/**
 * `PATCH {prefix}/{v3|v1}/session/{id}/update-status/`: the body is read (bounded), parsed and
 * validated here before anything is sent; Didit's answer goes back as JSON.
 */
export async function updateStatus(
  client: DiditClient,
  endpoint: Endpoint<string, unknown, unknown>,
  sessionId: string,
  request: Request,
  upstream: (call: () => Promise<ProxyResult>) => Promise<ProxyResult>,
  options: RequestOptions,
): Promise<ProxyResult> {
  const text = await readLimitedText(request, MAX_UPDATE_BODY_BYTES);
  if (text === undefined) return jsonResult(413, { detail: 'Request body too large.' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return jsonResult(400, {
      detail: 'JSON parse error: the body must be a JSON object such as {"new_status": "Approved", "comment": "..."}.',
    });
  }
  let valid: unknown;
  try {
    valid = endpoint.body ? validateBody(endpoint.body, body, endpoint.name) : body;
  } catch (error) {
    if (error instanceof InvalidArgumentError) return jsonResult(400, fieldErrors(error.issues));
    throw error;
  }
  const read: ResponseReader<ProxyResult> = async (response, requestId) =>
    jsonResult(200, await endpoint.read(response, requestId));
  return upstream(() => requestEndpoint(client, endpoint, { sessionId }, { body: valid, read }, options));
}
