// Type-level tests: checked by `tsc` (vitest's typecheck mode runs them as tests, and
// `pnpm typecheck` covers them too). Nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CreatedSession,
  type CreateSessionRequest,
  DiditClient,
  type DiditError,
  isDiditError,
  isKnownSessionStatus,
  isTerminalStatus,
  type KnownSessionStatus,
  type NotFoundError,
  type RateLimitError,
  type SessionDecision,
  type SessionStatus,
  type TerminalSessionStatus,
  type UpdateStatusRequest,
} from '../src/index.ts';

declare const decision: SessionDecision;

describe('statuses stay open but narrow', () => {
  it('accepts every known status and any other string', () => {
    expectTypeOf<KnownSessionStatus>().toExtend<SessionDecision['status']>();
    expectTypeOf<'Some Status Didit Adds Later'>().toExtend<SessionDecision['status']>();
    expectTypeOf<SessionDecision['status']>().toEqualTypeOf<SessionStatus>();
  });

  it('is not widened to plain string: the known literals are still in the type', () => {
    // With `status: string` the known literals would be lost (no autocompletion, no narrowing).
    expectTypeOf<SessionStatus>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<SessionStatus, 'Approved'>>().toEqualTypeOf<'Approved'>();
    expectTypeOf<Extract<SessionStatus, 'Kyc Expired'>>().toEqualTypeOf<'Kyc Expired'>();
  });

  it('narrows to the known literals with isKnownSessionStatus, for an exhaustive switch', () => {
    const status = decision.status;
    if (isKnownSessionStatus(status)) {
      expectTypeOf(status).toEqualTypeOf<KnownSessionStatus>();
      switch (status) {
        case 'Not Started':
        case 'In Progress':
        case 'In Review':
        case 'Approved':
        case 'Declined':
        case 'Expired':
        case 'Abandoned':
        case 'Kyc Expired':
          break;
        default:
          expectTypeOf(status).toBeNever();
      }
    }
    // TypeScript does not narrow `T | (string & {})` by `===` (only plain `string` is), so an
    // equality check keeps the open part; the guards above are the way to a literal type.
    if (status === 'Approved') expectTypeOf(status).toExtend<SessionStatus>();
  });

  it('lets a caller compare with a status this SDK does not know yet', () => {
    const status = decision.status;
    // Must compile: a new Didit status is an ordinary string comparison, not a type error.
    expectTypeOf(status === 'Resubmission Requested').toEqualTypeOf<boolean>();
  });

  it('narrows with isTerminalStatus', () => {
    const status = decision.status;
    if (isTerminalStatus(status)) expectTypeOf(status).toEqualTypeOf<TerminalSessionStatus>();
    expectTypeOf<TerminalSessionStatus>().toEqualTypeOf<
      'Approved' | 'Declined' | 'Expired' | 'Abandoned' | 'Kyc Expired'
    >();
  });
});

describe('nullability follows the contract', () => {
  it('blocks a session may not have run are nullable', () => {
    expectTypeOf(decision.kyc).toExtend<object | null | undefined>();
    expectTypeOf<null>().toExtend<SessionDecision['kyc']>();
    expectTypeOf<null>().toExtend<SessionDecision['aml']>();
    expectTypeOf<null>().toExtend<SessionDecision['face']>();
    expectTypeOf<null>().toExtend<SessionDecision['location']>();
  });

  it('image URLs and parsed_address may be null', () => {
    type Kyc = NonNullable<SessionDecision['kyc']>;
    expectTypeOf<null>().toExtend<Kyc['portrait_image']>();
    expectTypeOf<null>().toExtend<Kyc['parsed_address']>();
    expectTypeOf<null>().toExtend<NonNullable<SessionDecision['location']>['isp']>();
  });

  it('lists are always arrays after parsing', () => {
    expectTypeOf(decision.warnings).toBeArray();
    expectTypeOf(decision.reviews).toBeArray();
    expectTypeOf<NonNullable<SessionDecision['aml']>['hits']>().toBeArray();
  });

  it('ids are plain strings', () => {
    expectTypeOf(decision.session_id).toEqualTypeOf<string>();
  });
});

describe('the client surface', () => {
  const client = new DiditClient();

  it('returns the documented types', () => {
    expectTypeOf(client.sessions.getDecision).returns.resolves.toEqualTypeOf<SessionDecision>();
    expectTypeOf(client.sessions.create).returns.resolves.toEqualTypeOf<CreatedSession>();
    expectTypeOf(client.sessions.generatePdf).returns.resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(client.sessions.updateStatus).returns.resolves.toHaveProperty('session_id');
  });

  it('types the request bodies strictly', () => {
    expectTypeOf<{ callback: string; vendor_data: string }>().toExtend<CreateSessionRequest>();
    expectTypeOf<{
      callback: string;
      vendor_data: string;
      features: 'OCR + MAGIC';
    }>().not.toExtend<CreateSessionRequest>();
    expectTypeOf<{ new_status: 'Approved' }>().toExtend<UpdateStatusRequest>();
    expectTypeOf<{ new_status: 'In Review' }>().not.toExtend<UpdateStatusRequest>();
  });

  it('accepts the per-call options', () => {
    expectTypeOf(client.sessions.getDecision)
      .parameter(1)
      .toEqualTypeOf<{ signal?: AbortSignal; timeoutMs?: number; maxRetries?: number } | undefined>();
  });
});

describe('errors', () => {
  it('isDiditError narrows unknown', () => {
    const e: unknown = new Error('x');
    if (isDiditError(e)) expectTypeOf(e).toEqualTypeOf<DiditError>();
  });

  it('RateLimitError carries retryAfterMs; every error has code, status and requestId', () => {
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NotFoundError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<DiditError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NotFoundError['code']>().toEqualTypeOf<'not_found'>();
  });
});
