export type {
  DiditSdkState,
  VerificationEvent,
  VerificationEventType,
  VerificationResult,
} from '@didit-protocol/sdk-web';
export {
  DiditVerification,
  type DiditVerificationConfiguration,
  type DiditVerificationMode,
  type DiditVerificationProps,
} from './didit-verification.tsx';
