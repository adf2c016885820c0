import { DiditClient } from '@didit-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY, FIXTURE_SESSION_IDS, V3_FIXTURE_IDS } from '../src/index.ts';

const SEED_ID = FIXTURE_SESSION_IDS.declinedAml;
const V3_APPROVED = V3_FIXTURE_IDS.approved;
const disposals: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposals.splice(0)) dispose();
});

function mock() {
  const instance = createMockApp();
  disposals.push(instance.dispose);
  return instance;
}

describe('createMockApp', () => {
  it('returns a fetch that a DiditClient can use in-process', async () => {
    const { fetch } = mock();
    const client = new DiditClient({ apiKey: DEFAULT_API_KEY, baseUrl: 'http://mock.test', fetch });
    const decision = await client.sessions.getDecision(V3_APPROVED);
    expect(decision.session_id).toBe(V3_APPROVED);
  });

  it('holds v1 and v3 sessions in one store, and reads either by id', async () => {
    const { store, request } = mock();
    expect(store.get(SEED_ID)).toMatchObject({ apiVersion: 'v1', status: 'Declined' });
    expect(store.get(V3_APPROVED)).toMatchObject({ apiVersion: 'v3', sessionId: V3_APPROVED });
    expect(store.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const fixtures = store.list().length;
    expect(fixtures).toBe(Object.keys(FIXTURE_SESSION_IDS).length + Object.keys(V3_FIXTURE_IDS).length);

    const res = await request('/v3/session/', {
      method: 'POST',
      headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ workflow_id: '11111111-2222-4333-8444-555555555555', vendor_data: 'user-1' }),
    });
    expect(res.status).toBe(201);
    const { session_id } = (await res.json()) as { session_id: string };
    expect(store.get(session_id)).toMatchObject({ apiVersion: 'v3', status: 'Not Started' });
    expect(store.list()).toHaveLength(fixtures + 1);

    store.reset();
    expect(store.get(session_id)).toBeUndefined();
    expect(store.list()).toHaveLength(fixtures);
  });

  it('gives copies: changing what it returns changes no session', () => {
    const { store } = mock();
    const view = store.get(SEED_ID)!;
    view.decision.status = 'Approved';
    expect(store.get(SEED_ID)!.status).toBe('Declined');
  });

  it('idle() resolves at once when no webhook is pending', async () => {
    await expect(mock().idle()).resolves.toBeUndefined();
  });
});
