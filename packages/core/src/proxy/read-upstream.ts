import type { Endpoint } from '../endpoints/endpoint.ts';
import { readPdf } from '../read-pdf.ts';
import type { ResponseReader } from '../request-options.ts';
import type { TransportResponse } from '../transport/transport.ts';
import { isTerminalStatus as isV1Terminal } from '../v1/schemas/statuses.ts';
import { isTerminalStatus as isV3Terminal } from '../v3/schemas/statuses.ts';
import type { ProxyResult } from './proxy-result.ts';

/**
 * Validates the decision with the endpoint's own reader (a body that fails the schema would
 * fail in the browser too) and keeps Didit's own text, byte for byte, as the body to send on.
 * The content type is the proxy's, never Didit's: whatever Didit sent, the browser gets JSON.
 */
export function readDecisionRaw(endpoint: Endpoint<string, unknown, unknown>): ResponseReader<ProxyResult> {
  return async (response, requestId) => {
    const text = await response.text();
    const decision = (await endpoint.read({ ...bound(response), text: async () => text }, requestId)) as {
      status?: unknown;
    };
    const status = typeof decision.status === 'string' ? decision.status : undefined;
    return {
      status: response.status,
      body: text,
      headers: withRequestId({ 'content-type': 'application/json' }, requestId),
      // Either generation's decision (the proxy serves one of them; their terminal statuses are the same today).
      terminal: isV3Terminal(status) || isV1Terminal(status),
    };
  };
}

/** The report's bytes (checked to be a PDF), always as a download named by the proxy. */
export function readPdfRaw(sessionId: string): ResponseReader<ProxyResult> {
  return async (response, requestId) => {
    const bytes = new Uint8Array(await readPdf(response, requestId));
    return {
      status: response.status,
      body: bytes,
      headers: withRequestId(
        {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename=session_${sessionId.toLowerCase()}.pdf`,
        },
        requestId,
      ),
      // A report does not change once generated for a finished session, but it is not known here: cache briefly.
      terminal: false,
    };
  };
}

function withRequestId(headers: Record<string, string>, requestId: string | undefined): Record<string, string> {
  if (requestId) headers['x-request-id'] = requestId;
  return headers;
}

function bound(response: TransportResponse): TransportResponse {
  return {
    status: response.status,
    header: (name) => response.header(name),
    text: () => response.text(),
    bytes: () => response.bytes(),
  };
}
