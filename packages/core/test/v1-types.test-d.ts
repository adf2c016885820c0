// Type-level tests for the v1 interfaces: checked by `tsc` (vitest's typecheck mode runs
// them as tests). Nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import { rawFields } from '../src/raw-fields.ts';
import type {
  Aml,
  AmlHit,
  DecisionWarning,
  Face,
  InferredDecisionSchemas,
  Kyc,
  Location,
  Review,
  SessionDecision,
} from '../src/v1/schemas/decision.schema.ts';
import type {
  CreatedSession,
  CreateSessionRequest,
  InferredSessionSchemas,
  UpdateStatusRequest,
  UpdateStatusResponse,
} from '../src/v1/schemas/session.schema.ts';
import type { InferredTokenSchemas, TokenResponse } from '../src/v1/schemas/token.schema.ts';

declare const decision: SessionDecision;

/**
 * `T` without the `[key: string]: unknown` signatures zod gives loose objects, at every depth,
 * so the fields zod infers can be compared with the fields an interface names. (A dictionary
 * such as `AmlHit['features']` loses its signature on both sides; assignability covers it.)
 */
type Fields<T> = T extends string | number | boolean | null | undefined
  ? T // also keeps an open enum's `string & {}` whole
  : T extends readonly (infer E)[]
    ? Fields<E>[]
    : T extends object
      ? { [K in keyof T as string extends K ? never : K]: Fields<T[K]> }
      : T;

describe('the v1 interfaces', () => {
  it('have no index signature, so a typo is a compile error', () => {
    // @ts-expect-error: the field is `full_name`.
    void decision.kyc?.fullName;
    // @ts-expect-error: the field is `session_id`.
    void decision.sessionId;
    // @ts-expect-error: the field is `callback`.
    const body: CreateSessionRequest = { callbak: 'https://example.com/cb', vendor_data: 'u' };
    void body;
    // @ts-expect-error: the field is `new_status`.
    const update: UpdateStatusRequest = { status: 'Approved' };
    void update;
  });

  it('make callback optional in a create body', () => {
    expectTypeOf<{ vendor_data: string }>().toExtend<CreateSessionRequest>();
    expectTypeOf<CreateSessionRequest['callback']>().toEqualTypeOf<string | undefined>();
  });

  it('keep the lists that are always arrays after parsing', () => {
    expectTypeOf(decision.warnings).toEqualTypeOf<DecisionWarning[]>();
    expectTypeOf(decision.reviews).toEqualTypeOf<Review[]>();
    expectTypeOf(decision.extra_images).toEqualTypeOf<unknown[]>();
    expectTypeOf<Aml['hits']>().toEqualTypeOf<AmlHit[]>();
  });

  it('let rawFields read a field the SDK does not type, as unknown', () => {
    expectTypeOf(rawFields(decision).new_field).toEqualTypeOf<unknown>();
    expectTypeOf(rawFields(decision)).toEqualTypeOf<Readonly<Record<string, unknown>>>();
  });
});

// Each interface must accept what its schema produces (so it never claims more than zod
// checks) and name exactly the fields the schema names (an extra optional field would
// otherwise slip through assignability, against the loose object's index signature).
describe('each interface matches what its schema infers', () => {
  type D = InferredDecisionSchemas;
  type S = InferredSessionSchemas;
  type T = InferredTokenSchemas;

  it('decision', () => {
    expectTypeOf<z.output<D['kyc']>>().toExtend<Kyc>();
    expectTypeOf<z.output<D['amlHit']>>().toExtend<AmlHit>();
    expectTypeOf<z.output<D['aml']>>().toExtend<Aml>();
    expectTypeOf<z.output<D['face']>>().toExtend<Face>();
    expectTypeOf<z.output<D['location']>>().toExtend<Location>();
    expectTypeOf<z.output<D['warning']>>().toExtend<DecisionWarning>();
    expectTypeOf<z.output<D['review']>>().toExtend<Review>();
    expectTypeOf<z.output<D['sessionDecision']>>().toExtend<SessionDecision>();

    expectTypeOf<Fields<z.output<D['kyc']>>>().toEqualTypeOf<Fields<Kyc>>();
    expectTypeOf<Fields<z.output<D['amlHit']>>>().toEqualTypeOf<Fields<AmlHit>>();
    expectTypeOf<Fields<z.output<D['aml']>>>().toEqualTypeOf<Fields<Aml>>();
    expectTypeOf<Fields<z.output<D['face']>>>().toEqualTypeOf<Fields<Face>>();
    expectTypeOf<Fields<z.output<D['location']>>>().toEqualTypeOf<Fields<Location>>();
    expectTypeOf<Fields<z.output<D['warning']>>>().toEqualTypeOf<Fields<DecisionWarning>>();
    expectTypeOf<Fields<z.output<D['review']>>>().toEqualTypeOf<Fields<Review>>();
    expectTypeOf<Fields<z.output<D['sessionDecision']>>>().toEqualTypeOf<Fields<SessionDecision>>();
  });

  it('session', () => {
    expectTypeOf<z.output<S['createSessionRequest']>>().toExtend<CreateSessionRequest>();
    expectTypeOf<z.output<S['createdSession']>>().toExtend<CreatedSession>();
    expectTypeOf<z.output<S['updateStatusRequest']>>().toExtend<UpdateStatusRequest>();
    expectTypeOf<z.output<S['updateStatusResponse']>>().toExtend<UpdateStatusResponse>();

    expectTypeOf<Fields<z.output<S['createSessionRequest']>>>().toEqualTypeOf<Fields<CreateSessionRequest>>();
    expectTypeOf<Fields<z.output<S['createdSession']>>>().toEqualTypeOf<Fields<CreatedSession>>();
    expectTypeOf<Fields<z.output<S['updateStatusRequest']>>>().toEqualTypeOf<Fields<UpdateStatusRequest>>();
    expectTypeOf<Fields<z.output<S['updateStatusResponse']>>>().toEqualTypeOf<Fields<UpdateStatusResponse>>();
  });

  it('token', () => {
    expectTypeOf<z.output<T['tokenResponse']>>().toExtend<TokenResponse>();
    expectTypeOf<Fields<z.output<T['tokenResponse']>>>().toEqualTypeOf<Fields<TokenResponse>>();
  });
});
