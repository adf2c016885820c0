import type { ApiCall, RequestOptions, Send } from '../client.ts';
import { InvalidArgumentError } from '../errors.ts';
import { readJson } from '../read-json.ts';
import { readPdf } from '../read-pdf.ts';
import { type SessionDecision, sessionDecisionSchema } from '../schemas/decision.schema.ts';
import {
  type CreatedSession,
  type CreateSessionRequest,
  createdSessionSchema,
  createSessionRequestSchema,
  type UpdateStatusRequest,
  type UpdateStatusResponse,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from '../schemas/session.schema.ts';
import { assertSessionId } from '../session-id.ts';
import { describeIssues, toIssues } from '../validation.ts';

const readCreatedSession = readJson(createdSessionSchema);
const readDecision = readJson(sessionDecisionSchema);
const readUpdateStatus = readJson(updateStatusResponseSchema);

/**
 * `client.sessions`: the verification session endpoints of Didit's v1 API. The methods are
 * `async`, so a refused argument rejects the returned promise like every other failure
 * instead of throwing synchronously out of a `.then()` chain.
 */
export class Sessions {
  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  /** `POST /v1/session/`: starts a session; send the user to the returned `url`. */
  async create(body: CreateSessionRequest, options?: RequestOptions): Promise<CreatedSession> {
    const valid = validateBody(createSessionRequestSchema, body, 'sessions.create');
    return this.#send(
      {
        name: 'POST /v1/session/',
        method: 'POST',
        path: '/v1/session/',
        body: valid,
        // A repeated create would make a second session: retried only when provably unprocessed.
        idempotent: false,
        read: readCreatedSession,
      },
      options,
    );
  }

  /** `GET /v1/session/{sessionId}/decision/`: the session's current status and results. */
  async getDecision(sessionId: string, options?: RequestOptions): Promise<SessionDecision> {
    assertSessionId(sessionId);
    return this.#send(sessionCall(sessionId, 'decision', readDecision), options);
  }

  /** `PATCH /v1/session/{sessionId}/update-status/`: approve or decline after a manual review. */
  async updateStatus(
    sessionId: string,
    body: UpdateStatusRequest,
    options?: RequestOptions,
  ): Promise<UpdateStatusResponse> {
    assertSessionId(sessionId);
    const valid = validateBody(updateStatusRequestSchema, body, 'sessions.updateStatus');
    return this.#send(
      {
        name: 'PATCH /v1/session/{id}/update-status/',
        method: 'PATCH',
        path: `/v1/session/${sessionId}/update-status/`,
        body: valid,
        // Each call appends a review entry, so it is not repeated blindly.
        idempotent: false,
        read: readUpdateStatus,
      },
      options,
    );
  }

  /** `GET /v1/session/{sessionId}/generate-pdf/`: the session's PDF report, as bytes. */
  async generatePdf(sessionId: string, options?: RequestOptions): Promise<Uint8Array> {
    assertSessionId(sessionId);
    return this.#send(sessionCall(sessionId, 'generate-pdf', readPdf), options);
  }
}

function sessionCall<T>(sessionId: string, action: 'decision' | 'generate-pdf', read: ApiCall<T>['read']): ApiCall<T> {
  return {
    name: `GET /v1/session/{id}/${action}/`,
    method: 'GET',
    path: `/v1/session/${sessionId}/${action}/`,
    idempotent: true,
    read,
  };
}

function validateBody<T>(
  schema: {
    safeParse(data: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof toIssues>[0] };
  },
  body: unknown,
  method: string,
): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new InvalidArgumentError(`${method}: invalid body: ${describeIssues(issues)}`, { issues });
}
