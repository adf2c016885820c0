// What every entry of @didit-kit/core exports, whatever the API generation: errors, the
// request types, pagination and small helpers.
export {
  type ApiVersion,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type V1ClientOptions,
  type V3ClientOptions,
} from './client-base.ts';
export {
  AbortError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  DiditError,
  type DiditErrorCode,
  InvalidArgumentError,
  isDiditError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  type ValidationIssue,
} from './errors.ts';
export type { DiditLogger } from './logger.ts';
export { Page, type PageBody, type PageParams, PagePromise } from './pagination.ts';
export { rawFields } from './raw-fields.ts';
export { readJson } from './read-json.ts';
export type {
  DiditRequest,
  DiditResponse,
  HttpMethod,
  QueryParams,
  RequestOptions,
  ResponseReader,
} from './request-options.ts';
export type { OpenEnum } from './schemas/open-enum.ts';
export { isSessionId } from './session-id.ts';
export type { FetchLike } from './transport/transport.ts';
