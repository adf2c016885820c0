// Didit v1's schemas, types and constants: `import { v1 } from '@didit-kit/core'`, or
// unprefixed from `@didit-kit/core/v1`.

export type { V1Sessions as Sessions } from '../sessions.ts';
export {
  type Aml,
  type AmlHit,
  amlHitSchema,
  amlSchema,
  type DecisionWarning,
  type Face,
  faceSchema,
  type Kyc,
  kycSchema,
  type Location,
  locationSchema,
  type Review,
  reviewSchema,
  type SessionDecision,
  sessionDecisionSchema,
  warningSchema,
} from './decision.schema.ts';
export {
  type CreatedSession,
  type CreateSessionRequest,
  createdSessionSchema,
  createSessionRequestSchema,
  type UpdateStatusRequest,
  type UpdateStatusResponse,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from './session.schema.ts';
export {
  DOCUMENT_TYPES,
  type DocumentType,
  FEATURE_STATUSES,
  type FeatureStatus,
  isKnownSessionStatus,
  isTerminalStatus,
  type KnownSessionStatus,
  REVIEW_STATUSES,
  type ReviewStatus,
  SESSION_FEATURES,
  SESSION_STATUSES,
  type SessionFeatures,
  type SessionStatus,
  TERMINAL_SESSION_STATUSES,
  type TerminalSessionStatus,
} from './statuses.ts';
export { type TokenResponse, tokenResponseSchema } from './token.schema.ts';
