import { DiditClient, toFile } from '@didit-kit/core';
import { describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY } from '../../src/index.ts';
import { SAMPLE_IMAGES } from '../support/sample-images.ts';

// Core's generated resources against the mock, in-process: each answer passes core's own response
// schemas (a ResponseValidationError would fail the call), and state carries across calls.

const ORGANIZATION_ID = 'd1d17000-0000-4000-8000-00000000a11a';
const APPLICATION_ID = 'd1d17000-0000-4000-8000-0000000a9900';

describe('core DiditClient on the whole v3 API of the mock', () => {
  it('users, workflows, questionnaires, destinations, transactions, billing, checks, cases', async () => {
    const mock = createMockApp();
    const client = new DiditClient({
      apiKey: DEFAULT_API_KEY,
      baseUrl: 'http://mock.test',
      fetch: mock.fetch,
      maxRetries: 0,
      organizationId: ORGANIZATION_ID,
      applicationId: APPLICATION_ID,
    });
    const user = await client.users.create({ vendor_data: 'client-user', display_name: 'Ana' });
    expect(user.vendor_data).toBe('client-user');
    expect((await client.users.updateStatus('client-user', { status: 'FLAGGED' })).status).toBe('FLAGGED');
    expect((await client.users.get('client-user')).status).toBe('FLAGGED');

    const workflow = await client.workflows.create({ workflow_label: 'Client', features: [{ feature: 'OCR' }] });
    const workflowId = String(workflow.uuid);
    expect((await client.workflows.get(workflowId)).workflow_label).toBe('Client');
    await client.workflows.delete(workflowId);

    const questionnaire = await client.questionnaires.create({
      title: 'Q',
      languages: ['en'],
      default_language: 'en',
      form_elements: [{ element_type: 'short_text', label: { en: 'Why?' } }],
    });
    expect((await client.questionnaires.get(String(questionnaire.questionnaire_id))).title).toBe('Q');

    const destination = await client.webhookDestinations.create({
      label: 'client',
      url: 'https://example.com/hook',
      subscribed_events: ['status.updated'],
    });
    expect((await client.webhookDestinations.list()).map((d) => d.uuid)).toContain(destination.uuid);

    const transaction = await client.transactions.create({
      transaction_id: 'client-1',
      transaction_category: 'finance',
      transaction_details: { direction: 'outbound', amount: 10, currency: 'EUR', action_type: 'withdrawal' },
      subject: { entity_type: 'individual', vendor_data: 'client-user', full_name: 'Ana' },
    });
    expect((await client.transactions.get(String(transaction.uuid))).uuid).toBe(transaction.uuid);

    const before = Number((await client.billing.getBalance()).balance);
    const aml = await client.aml.screen({ full_name: 'Kozlov Sergey Alexandrovich' });
    expect(aml.aml?.total_hits).toBe(1);
    expect(Number((await client.billing.getBalance()).balance)).toBeLessThan(before);
    const match = await client.faceMatch.compare({
      user_image: await toFile(SAMPLE_IMAGES.other, 'a.png'),
      ref_image: await toFile(SAMPLE_IMAGES.other, 'b.png'),
    });
    expect(match.face_match?.status).toBe('Approved');
    const id = await client.idVerification.verify({ front_image: await toFile(SAMPLE_IMAGES.document, 'id.png') });
    expect(id.id_verification?.status).toBe('Approved');

    const opened = await client.cases.create({
      title: 'Review Ana',
      priority: 'HIGH',
      subject: { type: 'user', uuid: String(user.didit_internal_id) },
    });
    const read = await client.cases.get(String(opened.uuid));
    expect(read.uuid).toBe(opened.uuid);
    expect(read.title).toBe('Review Ana');
    mock.dispose();
  });
});
