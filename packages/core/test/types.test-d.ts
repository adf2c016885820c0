// Type-level tests: checked by `tsc` (vitest's typecheck mode runs them as tests, and
// `pnpm typecheck` covers them too). Nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import * as root from '../src/index.ts';
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
} from '../src/v1/index.ts';

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
    expectTypeOf(client.sessions.getDecision).parameter(1).toEqualTypeOf<
      | {
          signal?: AbortSignal;
          timeoutMs?: number;
          maxRetries?: number;
          maxRetryAfterMs?: number;
          extraBody?: Record<string, unknown>;
        }
      | undefined
    >();
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

declare const env: Record<string, string | undefined>;

describe('the generation follows the credentials (root entry)', () => {
  it('an apiKey, or nothing, is v3; client credentials or apiVersion v1 are v1', () => {
    expectTypeOf(new root.DiditClient({ apiKey: 'k' })).toEqualTypeOf<root.DiditClient<'v3'>>();
    expectTypeOf(new root.DiditClient({ apiKey: env.DIDIT_API_KEY })).toEqualTypeOf<root.DiditClient<'v3'>>();
    expectTypeOf(new root.DiditClient()).toEqualTypeOf<root.DiditClient<'v3'>>();
    expectTypeOf(new root.DiditClient({ baseUrl: '/api/didit' })).toEqualTypeOf<root.DiditClient<'v3'>>();
    expectTypeOf(
      new root.DiditClient({ clientId: env.DIDIT_CLIENT_ID, clientSecret: env.DIDIT_CLIENT_SECRET }),
    ).toEqualTypeOf<root.DiditClient<'v1'>>();
    expectTypeOf(new root.DiditClient({ baseUrl: '/api/didit', apiVersion: 'v1' })).toEqualTypeOf<
      root.DiditClient<'v1'>
    >();
  });

  it("a v3 client's decision is v3's, a v1 client's is v1's, with no casts", () => {
    const v3 = new root.DiditClient({ apiKey: 'k' });
    const v1 = new root.DiditClient({ clientId: 'id', clientSecret: 'secret' });
    expectTypeOf(v3.sessions.getDecision).returns.resolves.toEqualTypeOf<root.SessionDecision>();
    expectTypeOf(v1.sessions.getDecision).returns.resolves.toEqualTypeOf<root.v1.SessionDecision>();
    expectTypeOf(v3.sessions.list).returns.toEqualTypeOf<root.PagePromise<root.SessionListItem>>();
    // v1 has no list endpoint.
    expectTypeOf(v1.sessions).not.toHaveProperty('list');
  });

  it('mixing generations does not compile', () => {
    // @ts-expect-error an apiKey is v3, client credentials are v1
    void new root.DiditClient({ apiKey: 'k', clientId: 'id', clientSecret: 's' });
    // @ts-expect-error apiVersion v3 with client credentials
    void new root.DiditClient({ apiVersion: 'v3', clientId: 'id', clientSecret: 's' });
  });

  it('known objects have no index signature: a misspelt field is a compile error', async () => {
    const decision = await new root.DiditClient({ apiKey: 'k' }).sessions.getDecision('x');
    // @ts-expect-error fullName is not a field (full_name is)
    void decision.id_verifications?.[0]?.fullName;
    expectTypeOf(root.rawFields(decision)).toEqualTypeOf<Readonly<Record<string, unknown>>>();
  });

  it('the v3 create body needs a workflow_id and refuses a misspelt field', () => {
    expectTypeOf<{ workflow_id: string }>().toExtend<root.CreateSessionRequest>();
    expectTypeOf<{ vendor_data: string }>().not.toExtend<root.CreateSessionRequest>();
  });
});
