import { v1Example } from '@didit-kit/test-kit/didit';
import { describe, expect, it } from 'vitest';
import { rawFields } from '../src/raw-fields.ts';
// The v1 schemas straight from their modules: the package entry exports them under `v1`.
import { type SessionDecision, sessionDecisionSchema } from '../src/v1/schemas/decision.schema.ts';
import {
  createdSessionSchema,
  createSessionRequestSchema,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from '../src/v1/schemas/session.schema.ts';
import {
  DOCUMENT_TYPES,
  FEATURE_STATUSES,
  isKnownSessionStatus,
  isTerminalStatus,
  SESSION_FEATURES,
  SESSION_STATUSES,
  TERMINAL_SESSION_STATUSES,
} from '../src/v1/schemas/statuses.ts';
import { tokenResponseSchema } from '../src/v1/schemas/token.schema.ts';
import { decisionWith } from './helpers/fake-didit.ts';

type Json = Record<string, unknown>;
const seed = () => v1Example('decision.declined-aml.json') as Json & { kyc: Json; aml: Json & { hits: Json[] } };

describe('forward compatibility', () => {
  it('keeps unknown fields, at the top level and nested', () => {
    const base = seed();
    const body = {
      ...base,
      workflow_id: 'wf-9',
      proof_of_address: { status: 'Approved' },
      kyc: { ...base.kyc, mrz_lines: ['P<ESP...'] },
      aml: { ...base.aml, hits: base.aml.hits.map((h) => ({ ...h, rca_name: 'x' })) },
    };
    const decision: SessionDecision = sessionDecisionSchema.parse(body);
    expect(decision).toEqual(body);
    expect(rawFields(decision).workflow_id).toBe('wf-9');
    expect(decision.kyc && rawFields(decision.kyc).mrz_lines).toEqual(['P<ESP...']);
    expect(decision.aml?.hits[0]).toMatchObject({ rca_name: 'x' });
  });

  it('rawFields returns the same object, to read a field the SDK does not type', () => {
    const decision = sessionDecisionSchema.parse({ ...seed(), new_field: { a: 1 } });
    const raw = rawFields(decision);
    expect(raw).toBe(decision);
    expect(raw.new_field).toEqual({ a: 1 });
    expect(raw.session_id).toBe(decision.session_id);
    expect(raw.not_sent).toBeUndefined();
  });

  it('accepts status strings it does not know, everywhere a status appears', () => {
    const base = seed();
    const body = {
      ...base,
      status: 'Resubmission Requested',
      kyc: { ...base.kyc, status: 'Pending Upload', document_type: 'Health Card' },
      aml: { ...base.aml, status: 'Escalated' },
      reviews: [{ user: 'a@b.c', new_status: 'Escalated', comment: null, created_at: '2025-01-01T00:00:00Z' }],
      warnings: [{ feature: 'AML', risk: 'NEW_RISK_CODE', log_type: 'critical' }],
    };
    const decision = sessionDecisionSchema.parse(body);
    expect(decision.status).toBe('Resubmission Requested');
    expect(decision.kyc?.status).toBe('Pending Upload');
    expect(decision.kyc?.document_type).toBe('Health Card');
    expect(decision.aml?.status).toBe('Escalated');
    expect(decision.reviews[0]?.new_status).toBe('Escalated');
    expect(decision.warnings[0]?.log_type).toBe('critical');
    expect(isKnownSessionStatus(decision.status)).toBe(false);
    expect(isTerminalStatus(decision.status)).toBe(false);
  });

  it('keeps extra fields on the other bodies too', () => {
    expect(createdSessionSchema.parse({ session_id: 's', session_token: 't', url: 'u', extra: 1 })).toMatchObject({
      extra: 1,
    });
    expect(updateStatusResponseSchema.parse({ session_id: 's', extra: 1 })).toEqual({ session_id: 's', extra: 1 });
    expect(tokenResponseSchema.parse({ access_token: 'a', expires_in: 1, token_type: 'Bearer' })).toMatchObject({
      token_type: 'Bearer',
    });
  });

  it('still refuses a status that is not a string', () => {
    expect(sessionDecisionSchema.safeParse(decisionWith({ status: 3 })).success).toBe(false);
    expect(sessionDecisionSchema.safeParse(decisionWith({ status: null })).success).toBe(false);
  });
});

describe('request bodies', () => {
  const create = { callback: 'https://example.com/cb', vendor_data: 'user-1' };

  it('create: callback may be left out (iframe integrations)', () => {
    expect(createSessionRequestSchema.parse({ vendor_data: 'user-1' })).toEqual({ vendor_data: 'user-1' });
  });

  it('create: passes fields the SDK does not type through unchanged', () => {
    const body = { ...create, document_types: ['Passport'], language: 'es', metadata: { a: [1] } };
    expect(createSessionRequestSchema.parse(body)).toEqual(body);
  });

  it('create: still checks the known fields', () => {
    const valid = (body: unknown) => createSessionRequestSchema.safeParse(body).success;
    expect(valid({ ...create, callback: 'ftp://example.com/cb' })).toBe(false);
    expect(valid({ ...create, callback: null })).toBe(false);
    expect(valid({ callback: create.callback })).toBe(false);
    expect(valid({ ...create, vendor_data: 'u'.repeat(1025) })).toBe(false);
    expect(valid({ ...create, vendor_data: 'u'.repeat(1024) })).toBe(true);
    expect(valid({ ...create, features: 'OCR + MAGIC', language: 'es' })).toBe(false);
    expect(valid({ ...create, features: 'OCR + NFC + FACE + AML' })).toBe(true);
  });

  it('updateStatus: passes fields the SDK does not type through, and still checks the known ones', () => {
    const body = { new_status: 'Declined', comment: 'Duplicated user', reason: 'x' };
    expect(updateStatusRequestSchema.parse(body)).toEqual(body);
    expect(updateStatusRequestSchema.safeParse({ new_status: 'In Review', reason: 'x' }).success).toBe(false);
    expect(updateStatusRequestSchema.safeParse({ new_status: 'Approved', comment: 'x'.repeat(2001) }).success).toBe(
      false,
    );
  });
});

describe('nullability', () => {
  it.each(['kyc', 'aml', 'face', 'location'])('accepts a %s block that is null or absent', (block) => {
    expect(sessionDecisionSchema.parse(decisionWith({ [block]: null }))[block as 'kyc']).toBeNull();
    const { [block]: _dropped, ...without } = decisionWith();
    expect(sessionDecisionSchema.parse(without)[block as 'kyc']).toBeUndefined();
  });

  it('accepts null image and video URLs, parsed_address, isp, organization and additional_data', () => {
    const base = seed() as unknown as Json & { kyc: Json; face: Json; location: Json };
    const nulls = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, null]));
    const body = {
      ...base,
      kyc: {
        ...base.kyc,
        ...nulls(['portrait_image', 'front_image', 'front_video', 'back_image', 'back_video', 'full_front_image']),
        ...nulls(['full_back_image', 'parsed_address', 'document_type', 'date_of_issue', 'personal_number']),
      },
      face: { ...base.face, ...nulls(['source_image', 'target_image', 'video_url', 'age_estimation']) },
      location: { ...base.location, ...nulls(['isp', 'organization', 'document_location', 'ip_location']) },
      warnings: [{ feature: 'AML', risk: 'POSSIBLE_MATCH_FOUND', additional_data: null, log_type: 'warning' }],
    };
    expect(sessionDecisionSchema.parse(body)).toEqual(body);
  });

  it('accepts a parsed_address object', () => {
    const base = seed();
    const parsed = { street_1: 'C Clot 36', city: 'Barcelona', country: 'ESP' };
    const decision = sessionDecisionSchema.parse({ ...base, kyc: { ...base.kyc, parsed_address: parsed } });
    expect(decision.kyc?.parsed_address).toEqual(parsed);
  });

  it('turns null or absent lists (warnings, reviews, extra_images, hits) into []', () => {
    const base = seed();
    const decision = sessionDecisionSchema.parse({
      ...base,
      warnings: null,
      reviews: undefined,
      extra_images: null,
      aml: { ...base.aml, hits: null },
    });
    expect(decision.warnings).toEqual([]);
    expect(decision.reviews).toEqual([]);
    expect(decision.extra_images).toEqual([]);
    expect(decision.aml?.hits).toEqual([]);
  });

  it('parses the smallest decision: a session that has not started', () => {
    const decision = sessionDecisionSchema.parse({ session_id: 'x', status: 'Not Started' });
    expect(decision).toMatchObject({ session_id: 'x', status: 'Not Started', warnings: [], reviews: [] });
  });
});

describe('statuses', () => {
  it('SESSION_STATUSES lists the eight documented statuses, exactly as Didit spells them', () => {
    expect(SESSION_STATUSES).toEqual([
      'Not Started',
      'In Progress',
      'In Review',
      'Approved',
      'Declined',
      'Expired',
      'Abandoned',
      'Kyc Expired',
    ]);
  });

  it('isTerminalStatus is true for Approved, Declined, Expired, Abandoned and Kyc Expired only', () => {
    const terminal = SESSION_STATUSES.filter((s) => isTerminalStatus(s));
    expect(terminal).toEqual(['Approved', 'Declined', 'Expired', 'Abandoned', 'Kyc Expired']);
    expect(terminal).toEqual([...TERMINAL_SESSION_STATUSES]);
    for (const s of ['In Review', 'approved', 'APPROVED', 'Approved ', 'Something New', '', null, undefined]) {
      expect(isTerminalStatus(s)).toBe(false);
    }
  });

  it('isKnownSessionStatus is case-sensitive', () => {
    expect(SESSION_STATUSES.every((s) => isKnownSessionStatus(s))).toBe(true);
    expect(isKnownSessionStatus('approved')).toBe(false);
  });

  it('lists the feature statuses, document types and session features of the contract', () => {
    expect(FEATURE_STATUSES).toEqual(['Approved', 'Declined', 'In Review', 'Not Finished', 'Expired']);
    expect(DOCUMENT_TYPES).toEqual(['Passport', 'Identity Card', "Driver's License", 'Residence Permit']);
    expect(SESSION_FEATURES).toHaveLength(8);
    expect(SESSION_FEATURES).toContain('OCR + NFC + FACE + AML');
  });
});
