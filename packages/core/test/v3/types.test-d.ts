// Type-level tests of the v3 schemas (checked by tsc through vitest's typecheck mode; nothing runs).
//
// Every v3 schema is built as `typed<Interface>()(z.looseObject({...}))`. `typed` compiles only
// when the un-cast schema's output is exactly the hand-written interface (index signatures of
// loose objects aside), so the interface never claims more, or less, than the schema checks.
// The first block shows that each schema's output is its interface; the second that `typed`
// refuses every kind of disagreement.
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { typed } from '../../src/schemas/kit.ts';
import * as v3 from '../../src/v3/schemas/index.ts';

describe('each schema outputs exactly its interface', () => {
  it('decision', () => {
    expectTypeOf<z.output<typeof v3.sessionDecisionSchema>>().toEqualTypeOf<v3.SessionDecision>();
    expectTypeOf<z.output<typeof v3.featureWarningSchema>>().toEqualTypeOf<v3.FeatureWarning>();
    expectTypeOf<z.output<typeof v3.decisionReviewSchema>>().toEqualTypeOf<v3.DecisionReview>();
    expectTypeOf<z.output<typeof v3.idVerificationSchema>>().toEqualTypeOf<v3.IdVerification>();
    expectTypeOf<z.output<typeof v3.nfcVerificationSchema>>().toEqualTypeOf<v3.NfcVerification>();
    expectTypeOf<z.output<typeof v3.livenessCheckSchema>>().toEqualTypeOf<v3.LivenessCheck>();
    expectTypeOf<z.output<typeof v3.faceMatchSchema>>().toEqualTypeOf<v3.FaceMatch>();
    expectTypeOf<z.output<typeof v3.phoneVerificationSchema>>().toEqualTypeOf<v3.PhoneVerification>();
    expectTypeOf<z.output<typeof v3.emailVerificationSchema>>().toEqualTypeOf<v3.EmailVerification>();
    expectTypeOf<z.output<typeof v3.poaVerificationSchema>>().toEqualTypeOf<v3.PoaVerification>();
    expectTypeOf<z.output<typeof v3.documentAiDocumentSchema>>().toEqualTypeOf<v3.DocumentAiDocument>();
    expectTypeOf<z.output<typeof v3.questionnaireResponseSchema>>().toEqualTypeOf<v3.QuestionnaireResponse>();
    expectTypeOf<z.output<typeof v3.amlHitSchema>>().toEqualTypeOf<v3.AmlHit>();
    expectTypeOf<z.output<typeof v3.amlScreeningSchema>>().toEqualTypeOf<v3.AmlScreening>();
    expectTypeOf<z.output<typeof v3.ipAnalysisSchema>>().toEqualTypeOf<v3.IpAnalysis>();
    expectTypeOf<z.output<typeof v3.databaseValidationSchema>>().toEqualTypeOf<v3.DatabaseValidation>();
    expectTypeOf<z.output<typeof v3.registryCheckSchema>>().toEqualTypeOf<v3.RegistryCheck>();
    expectTypeOf<z.output<typeof v3.keyPeopleCheckSchema>>().toEqualTypeOf<v3.KeyPeopleCheck>();
    expectTypeOf<z.output<typeof v3.documentVerificationSchema>>().toEqualTypeOf<v3.DocumentVerification>();
  });

  it('sessions', () => {
    expectTypeOf<z.output<typeof v3.createSessionRequestSchema>>().toEqualTypeOf<v3.CreateSessionRequest>();
    expectTypeOf<z.output<typeof v3.createdSessionSchema>>().toEqualTypeOf<v3.CreatedSession>();
    expectTypeOf<z.output<typeof v3.updateStatusRequestSchema>>().toEqualTypeOf<v3.UpdateStatusRequest>();
    expectTypeOf<z.output<typeof v3.updateStatusResponseSchema>>().toEqualTypeOf<v3.UpdateStatusResponse>();
    expectTypeOf<z.output<typeof v3.updateFeatureStatusRequestSchema>>().toEqualTypeOf<v3.UpdateFeatureStatusRequest>();
    expectTypeOf<
      z.output<typeof v3.updateFeatureStatusResponseSchema>
    >().toEqualTypeOf<v3.UpdateFeatureStatusResponse>();
    expectTypeOf<z.output<typeof v3.batchDeleteRequestSchema>>().toEqualTypeOf<v3.BatchDeleteRequest>();
    expectTypeOf<z.output<typeof v3.batchDeleteResponseSchema>>().toEqualTypeOf<v3.BatchDeleteResponse>();
    expectTypeOf<z.output<typeof v3.shareSessionRequestSchema>>().toEqualTypeOf<v3.ShareSessionRequest>();
    expectTypeOf<z.output<typeof v3.sharedSessionSchema>>().toEqualTypeOf<v3.SharedSession>();
    expectTypeOf<z.output<typeof v3.importSharedRequestSchema>>().toEqualTypeOf<v3.ImportSharedRequest>();
    expectTypeOf<z.output<typeof v3.importedSessionSchema>>().toEqualTypeOf<v3.ImportedSession>();
    expectTypeOf<z.output<typeof v3.armSandboxRequestSchema>>().toEqualTypeOf<v3.ArmSandboxRequest>();
    expectTypeOf<z.output<typeof v3.armedSandboxSchema>>().toEqualTypeOf<v3.ArmedSandbox>();
  });

  it('lists and reviews', () => {
    expectTypeOf<z.output<typeof v3.listSessionsParamsSchema>>().toEqualTypeOf<v3.ListSessionsParams>();
    expectTypeOf<z.output<typeof v3.sessionListItemSchema>>().toEqualTypeOf<v3.SessionListItem>();
    expectTypeOf<z.output<typeof v3.reviewItemSchema>>().toEqualTypeOf<v3.ReviewItem>();
    expectTypeOf<z.output<typeof v3.listReviewsParamsSchema>>().toEqualTypeOf<v3.ListReviewsParams>();
    expectTypeOf<z.output<typeof v3.createReviewRequestSchema>>().toEqualTypeOf<v3.CreateReviewRequest>();
    expectTypeOf<z.output<typeof v3.createdReviewSchema>>().toEqualTypeOf<v3.CreatedReview>();
    const page = v3.pageBodySchema(v3.sessionListItemSchema);
    expectTypeOf<z.output<typeof page>>().toEqualTypeOf<v3.PageBody<v3.SessionListItem>>();
  });
});

describe('typed() refuses an interface that disagrees with its un-cast schema', () => {
  const raw = z.looseObject({
    id: z.string(),
    note: z.nullish(z.string()),
    nested: z.nullish(z.looseObject({ score: z.nullish(z.number()) })),
  });
  interface Agrees {
    id: string;
    note?: string | null;
    nested?: { score?: number | null } | null;
  }

  it('accepts the interface that says exactly what the schema checks', () => {
    expectTypeOf(typed<Agrees>()(raw)).toEqualTypeOf<z.ZodMiniType<Agrees, unknown>>();
    // The un-cast output (with the loose object's index signature) is assignable to the interface.
    expectTypeOf<z.output<typeof raw>>().toExtend<Agrees>();
  });

  it('refuses a field the schema does not check, even an optional one', () => {
    // @ts-expect-error `extra` is not in the schema
    typed<Agrees & { extra?: string | null }>()(raw);
  });

  it('refuses a field the interface leaves out', () => {
    // @ts-expect-error the schema checks `note`
    typed<Omit<Agrees, 'note'>>()(raw);
  });

  it('refuses a non-null, required or narrower claim', () => {
    // @ts-expect-error `note` may be null
    typed<Omit<Agrees, 'note'> & { note?: string }>()(raw);
    // @ts-expect-error `note` may be absent
    typed<Omit<Agrees, 'note'> & { note: string | null }>()(raw);
    // @ts-expect-error the schema checks any string, not these two
    typed<Omit<Agrees, 'note'> & { note?: 'a' | 'b' | null }>()(raw);
  });

  it('refuses a disagreement deep inside', () => {
    // @ts-expect-error `nested.score` may be null
    typed<Omit<Agrees, 'nested'> & { nested?: { score?: number } | null }>()(raw);
  });
});

declare const decision: v3.SessionDecision;

describe('the types a person reads', () => {
  it('have no index signature: a misspelt field is a compile error', () => {
    // @ts-expect-error there is no `fullName` (it is `full_name`)
    decision.id_verifications?.[0]?.fullName;
    // @ts-expect-error nor `warnings` at the top level (they are per item in v3)
    decision.warnings;
    expectTypeOf(decision.id_verifications?.[0]?.full_name).toEqualTypeOf<string | null | undefined>();
  });

  it('keep deep provider payloads as plain records', () => {
    expectTypeOf(decision.nfc_verifications?.[0]?.chip_data).toEqualTypeOf<v3.JsonObject | null | undefined>();
    expectTypeOf<v3.JsonObject>().toEqualTypeOf<Record<string, unknown>>();
  });

  it('make every feature block an array or null, and require only session_id and status', () => {
    expectTypeOf(decision.aml_screenings).toEqualTypeOf<v3.AmlScreening[] | null | undefined>();
    expectTypeOf(decision.registry_checks).toEqualTypeOf<v3.RegistryCheck[] | null | undefined>();
    expectTypeOf(decision.session_id).toEqualTypeOf<string>();
    expectTypeOf(decision.status).toEqualTypeOf<v3.SessionStatus>();
    expectTypeOf(decision.session_url).toEqualTypeOf<string | null | undefined>();
  });

  it('keep statuses open, with the known literals', () => {
    expectTypeOf<'Some Status Didit Adds Later'>().toExtend<v3.SessionStatus>();
    expectTypeOf<v3.SessionStatus>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<v3.SessionStatus, 'Kyc Expired'>>().toEqualTypeOf<'Kyc Expired'>();
    expectTypeOf<v3.TerminalSessionStatus>().toEqualTypeOf<
      'Approved' | 'Declined' | 'Expired' | 'Kyc Expired' | 'Abandoned'
    >();
    expectTypeOf<'In Review'>().not.toExtend<v3.TerminalSessionStatus>();
    const status = decision.status;
    if (v3.isKnownSessionStatus(status)) expectTypeOf(status).toEqualTypeOf<v3.KnownSessionStatus>();
  });
});

describe('requests are typed exactly', () => {
  it('refuses a misspelt field in a literal', () => {
    const ok: v3.CreateSessionRequest = { workflow_id: 'x', vendor_data: 'user-1', callback_method: 'both' };
    expectTypeOf(ok).toEqualTypeOf<v3.CreateSessionRequest>();
    // @ts-expect-error `workflowId` is not a field (it is `workflow_id`)
    const typo: v3.CreateSessionRequest = { workflow_id: 'x', workflowId: 'x' };
    // @ts-expect-error `callback_method` is one of three values
    const method: v3.CreateSessionRequest = { workflow_id: 'x', callback_method: 'all' };
    expectTypeOf(typo).toEqualTypeOf(method);
  });

  it('types update-status and batch delete by what Didit allows', () => {
    // @ts-expect-error update-status cannot set In Review (the per-feature update can)
    const inReview: v3.UpdateStatusRequest = { new_status: 'In Review' };
    const feature: v3.UpdateFeatureStatusRequest = { new_status: 'In Review' };
    expectTypeOf(feature.new_status).toEqualTypeOf<v3.FeatureUpdateStatus>();
    expectTypeOf(inReview.new_status).toEqualTypeOf<v3.UpdateStatus>();
    const some: v3.BatchDeleteRequest = { session_numbers: ['1001'] };
    const all: v3.BatchDeleteRequest = { delete_all: true };
    // @ts-expect-error `delete_all: false` deletes nothing: give session_numbers
    const none: v3.BatchDeleteRequest = { delete_all: false };
    expectTypeOf([some, all, none]).toEqualTypeOf<v3.BatchDeleteRequest[]>();
  });

  it('keeps a scenario an open string', () => {
    const documented: v3.ArmSandboxRequest = { scenario: 'decline_aml_hit' };
    const fromCatalog: v3.ArmSandboxRequest = { scenario: 'decline_liveness_attack' };
    expectTypeOf(documented).toEqualTypeOf(fromCatalog);
    expectTypeOf<v3.KnownSandboxScenario>().toExtend<v3.CreateSessionRequest['sandbox_scenario']>();
  });
});
