import type { Invoke } from '../endpoints/invoke.ts';
import { type PagePromise, paginate } from '../pagination.ts';
import type { RequestOptions } from '../request-options.ts';
import { assertSessionToken } from '../session-token.ts';
import { v3Endpoints as api } from './endpoints.ts';
import { GeneratedSessions } from './generated-sessions.ts';
import type { SessionDecision } from './schemas/decision.schema.ts';
import type {
  CreatedReview,
  CreateReviewRequest,
  ListReviewsParams,
  ListSessionsParams,
  ReviewItem,
  SessionListItem,
} from './schemas/list.schema.ts';
import type {
  ArmedSandbox,
  ArmSandboxRequest,
  BatchDeleteRequest,
  BatchDeleteResponse,
  CreatedSession,
  CreateSessionRequest,
  ImportedSession,
  ImportSharedRequest,
  SharedSession,
  ShareSessionRequest,
  UpdateFeatureStatusRequest,
  UpdateFeatureStatusResponse,
  UpdateStatusRequest,
  UpdateStatusResponse,
} from './schemas/session.schema.ts';
import type { SessionStatus } from './schemas/statuses.ts';

/** `list()`'s filters: Didit's query parameters, with `status` also as a list (`['Approved', 'Declined']`). */
export type ListSessionsQuery = Omit<ListSessionsParams, 'status'> & {
  status?: string | readonly SessionStatus[] | undefined;
};

/**
 * `client.sessions` of a v3 client (the default). The methods are `async` (or lazy, for lists), so a
 * refused argument rejects like every other failure instead of throwing out of a `.then()` chain.
 */
export class Sessions extends GeneratedSessions {
  readonly #invoke: Invoke;

  constructor(invoke: Invoke) {
    // The sessions operations generated from Didit's spec (update-data, AML hit statuses, POA data, bulk imports).
    super(invoke);
    this.#invoke = invoke;
  }

  /**
   * `POST /v3/session/`: starts a session of a workflow; send the user to the returned `url`.
   * With `vendor_data`, an unfinished session of that user is returned again (Didit's own idempotency).
   */
  async create(body: CreateSessionRequest, options?: RequestOptions): Promise<CreatedSession> {
    return this.#invoke(api.create, {}, body, options);
  }

  /** `GET /v3/session/{sessionId}/decision/`: the session's status and every feature's results (KYC or KYB). */
  async getDecision(sessionId: string, options?: RequestOptions): Promise<SessionDecision> {
    return this.#invoke(api.getDecision, { sessionId }, undefined, options);
  }

  /**
   * `GET /v3/sessions/`: `await` it for the first page (`results`, `count`, `hasNextPage()`,
   * `getNextPage()`), or `for await (const session of client.sessions.list(...))` for every session.
   */
  list(params: ListSessionsQuery = {}, options?: RequestOptions): PagePromise<SessionListItem> {
    return paginate((page) => this.#invoke(api.list, {}, undefined, { ...options, query: { ...params, ...page } }));
  }

  /** `DELETE /v3/session/{sessionId}/delete/`: deletes the session and its media. No undo. */
  async delete(sessionId: string, options?: RequestOptions): Promise<void> {
    return this.#invoke(api.delete, { sessionId }, undefined, options);
  }

  /**
   * `POST /v3/sessions/delete/`: deletes sessions by number (`{ session_numbers: ['1001'] }`) or all
   * of them (`{ delete_all: true }`). Didit answers 204 (then `{}`), 200 with `results`, or 202 with a `job_id`.
   */
  async deleteMany(body: BatchDeleteRequest, options?: RequestOptions): Promise<BatchDeleteResponse> {
    return this.#invoke(api.deleteMany, {}, body, options);
  }

  /**
   * `PATCH /v3/session/{sessionId}/update-status/`: approve, decline, or ask for steps again
   * (`Resubmitted`, with `nodes_to_resubmit` or without to let Didit choose).
   */
  async updateStatus(
    sessionId: string,
    body: UpdateStatusRequest,
    options?: RequestOptions,
  ): Promise<UpdateStatusResponse> {
    return this.#invoke(api.updateStatus, { sessionId }, body, options);
  }

  /** `PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/`: one feature's status (`node_id` from the decision). */
  async updateFeatureStatus(
    sessionId: string,
    nodeId: string,
    body: UpdateFeatureStatusRequest,
    options?: RequestOptions,
  ): Promise<UpdateFeatureStatusResponse> {
    return this.#invoke(api.updateFeatureStatus, { sessionId, nodeId }, body, options);
  }

  /** `GET /v3/session/{sessionId}/generate-pdf/`: the session's PDF report, as bytes. */
  async generatePdf(sessionId: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.#invoke(api.generatePdf, { sessionId }, undefined, options);
  }

  /** `POST /v3/session/{sessionId}/share/`: a `share_token` another Didit application can import. */
  async share(sessionId: string, body: ShareSessionRequest, options?: RequestOptions): Promise<SharedSession> {
    return this.#invoke(api.share, { sessionId }, body, options);
  }

  /** `POST /v3/session/import-shared/`: a session another application shared with yours. */
  async importShared(body: ImportSharedRequest, options?: RequestOptions): Promise<ImportedSession> {
    return this.#invoke(api.importShared, {}, body, options);
  }

  /** `GET /v3/sessions/{sessionId}/reviews/`: the session's review trail, paginated like `list`. */
  listReviews(sessionId: string, params: ListReviewsParams = {}, options?: RequestOptions): PagePromise<ReviewItem> {
    return paginate((page) =>
      this.#invoke(api.listReviews, { sessionId }, undefined, { ...options, query: { ...params, ...page } }),
    );
  }

  /** `POST /v3/sessions/{sessionId}/reviews/`: adds a note to the trail. It does not change the status. */
  async createReview(sessionId: string, body: CreateReviewRequest, options?: RequestOptions): Promise<CreatedReview> {
    return this.#invoke(api.createReview, { sessionId }, body, options);
  }

  /**
   * `POST /v3/session/{sessionId}/sandbox/arm/` (sandbox applications): the outcome the session will
   * have, such as `'approve'` or `'decline_aml_hit'`. Authenticated by the session's own token, not the API key.
   */
  async armSandboxScenario(
    sessionId: string,
    body: ArmSandboxRequest & { sessionToken: string },
    options?: RequestOptions,
  ): Promise<ArmedSandbox> {
    const { sessionToken, ...rest } = body;
    assertSessionToken(sessionToken);
    return this.#invoke(api.armSandboxScenario, { sessionId }, rest, {
      ...options,
      headers: { 'session-token': sessionToken },
    });
  }
}
