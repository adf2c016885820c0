import type { Invoke } from '../endpoints/invoke.ts';
import type { RequestOptions } from '../request-options.ts';
import { v1Endpoints as api } from './endpoints.ts';
import type { SessionDecision } from './schemas/decision.schema.ts';
import type {
  CreatedSession,
  CreateSessionRequest,
  UpdateStatusRequest,
  UpdateStatusResponse,
} from './schemas/session.schema.ts';

/**
 * `client.sessions` of a v1 client. The methods are `async`, so a refused argument rejects the
 * returned promise like every other failure instead of throwing out of a `.then()` chain.
 */
export class V1Sessions {
  readonly #invoke: Invoke;

  constructor(invoke: Invoke) {
    this.#invoke = invoke;
  }

  /** `POST /v1/session/`: starts a session; send the user to the returned `url`. */
  async create(body: CreateSessionRequest, options?: RequestOptions): Promise<CreatedSession> {
    return this.#invoke(api.create, {}, body, options);
  }

  /** `GET /v1/session/{sessionId}/decision/`: the session's current status and results. */
  async getDecision(sessionId: string, options?: RequestOptions): Promise<SessionDecision> {
    return this.#invoke(api.getDecision, { sessionId }, undefined, options);
  }

  /** `PATCH /v1/session/{sessionId}/update-status/`: approve or decline after a manual review. */
  async updateStatus(
    sessionId: string,
    body: UpdateStatusRequest,
    options?: RequestOptions,
  ): Promise<UpdateStatusResponse> {
    return this.#invoke(api.updateStatus, { sessionId }, body, options);
  }

  /** `GET /v1/session/{sessionId}/generate-pdf/`: the session's PDF report, as bytes. */
  async generatePdf(sessionId: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.#invoke(api.generatePdf, { sessionId }, undefined, options);
  }
}
