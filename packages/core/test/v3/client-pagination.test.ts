// `list` and `listReviews` walk Didit's limit/offset pages over real HTTP: only `offset` and
// `limit` are taken from the absolute `next` link, and every page is asked of the client's own
// base URL, never of the host the link names.

import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError, type SessionListItem } from '../../src/index.ts';
import { rejectionOf } from '../helpers/fake-didit.ts';

const API_KEY = 'sk_test_Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5Gs0Ae-Ku_iOoWxE';

/** The call passes the statuses as a list, which the client sends as one comma list. */
const APPROVED_OR_DECLINED = ['Approved', 'Declined'] as const;

interface PageExample<T = unknown> {
  count: number | null;
  next: string | null;
  previous: string | null;
  results: T[];
}

let standIn: ServedDiditStandIn;
/** Another host on 127.0.0.1 (another port): where a `next` link points in the decoy test. */
let decoy: ServedDiditStandIn;

beforeAll(async () => {
  [standIn, decoy] = await Promise.all([startDiditStandIn(), startDiditStandIn()]);
});
afterAll(() => Promise.all([standIn.close(), decoy.close()]));
beforeEach(() => {
  standIn.reset();
  decoy.reset();
});

/** Page 1 (the KYC example) linking to page 2 on `nextOrigin`, and page 2 (the mixed example) as the last. */
function twoPages(nextOrigin: string) {
  const first = v3Example<PageExample>('list-sessions.user.json');
  const second = v3Example<PageExample>('list-sessions.all.json');
  first.count = first.results.length + second.results.length;
  first.next = `${nextOrigin}/v3/sessions/?limit=2&offset=2`;
  second.count = first.count;
  second.next = null;
  second.previous = `${nextOrigin}/v3/sessions/?limit=2`;
  return { first, second };
}

describe('list walks the pages', () => {
  it("for await yields every item of both pages in order; page 2 goes to the client, not to the link's host", async () => {
    const { first, second } = twoPages('https://verification.didit.me');
    standIn.reply('list', { status: 200, body: first }, { status: 200, body: second });
    // A transport that refuses anything but this machine: a client that followed the link to
    // verification.didit.me is caught here instead of reaching the internet.
    const offHost: string[] = [];
    const client = new DiditClient({
      apiKey: API_KEY,
      baseUrl: standIn.url,
      maxRetries: 0,
      fetch: (request) => {
        if (new URL(request.url).hostname !== '127.0.0.1') {
          offHost.push(request.url);
          return new Response('{"detail":"not this host"}', { status: 418 });
        }
        return fetch(request);
      },
    });

    const items: SessionListItem[] = [];
    for await (const item of client.sessions.list({
      limit: 2,
      status: APPROVED_OR_DECLINED,
      vendor_data: 'user-1',
    })) {
      items.push(item);
    }

    expect(offHost).toEqual([]);
    expect(items).toEqual([...first.results, ...second.results]);
    expect(standIn.requests).toHaveLength(2);
    const [one, two] = standIn.requests;
    expect(one!.pathname).toBe('/v3/sessions/');
    expect(Object.fromEntries(one!.query)).toEqual({ limit: '2', status: 'Approved,Declined', vendor_data: 'user-1' });
    expect(two!.pathname).toBe('/v3/sessions/');
    expect(Object.fromEntries(two!.query)).toEqual({
      offset: '2',
      limit: '2',
      status: 'Approved,Declined',
      vendor_data: 'user-1',
    });
    expect(two!.headers.get('x-api-key')).toBe(API_KEY);
  });

  it('with the default transport, a next link to another host on this machine is not followed', async () => {
    const { first, second } = twoPages(decoy.url);
    standIn.reply('list', { status: 200, body: first }, { status: 200, body: second });
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });

    const items: SessionListItem[] = [];
    for await (const item of client.sessions.list({ limit: 2 })) items.push(item);

    expect(items.map((item) => item.session_id)).toEqual(
      [...first.results, ...second.results].map((item) => (item as { session_id: string }).session_id),
    );
    expect(decoy.requests).toEqual([]);
    expect(standIn.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { limit: '2' },
      { offset: '2', limit: '2' },
    ]);
  });

  it('await gives the first page, and the status filter goes as one comma list', async () => {
    const { first } = twoPages('https://verification.didit.me');
    standIn.reply('list', { status: 200, body: first });
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });

    const page = await client.sessions.list({ limit: 2, status: APPROVED_OR_DECLINED });

    expect(page.results).toEqual(first.results);
    expect(page.count).toBe(first.count);
    expect(page.next).toBe(first.next);
    expect(page.hasNextPage()).toBe(true);
    expect(standIn.requests).toHaveLength(1);
    const [seen] = standIn.requests;
    expect(seen!.path).toContain('status=Approved%2CDeclined');
    expect(seen!.query.getAll('status')).toEqual(['Approved,Declined']);
    expect(seen!.query.get('limit')).toBe('2');
    expect(seen!.query.has('offset')).toBe(false);
  });

  it('a status given as a comma string is sent the same way', async () => {
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
    await client.sessions.list({ limit: 2, status: 'Approved,Declined' });
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]!.path).toContain('status=Approved%2CDeclined');
  });

  it('nothing is sent until the list is awaited or iterated', async () => {
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
    const pending = client.sessions.list({ limit: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(standIn.requests).toHaveLength(0);
    await pending;
    expect(standIn.requests).toHaveLength(1);
  });
});

describe('listReviews pages the same way', () => {
  // The spec's paginated example names this session in its `next` link.
  const ID = '8c2f3a14-7e9b-4d23-9e83-3f7d5e8a1c6d';

  it('getNextPage asks the client for offset 2 and limit 2 of the same session', async () => {
    const first = v3Example<PageExample>('reviews.list.paginated.json');
    const second = v3Example<PageExample>('reviews.list.json');
    second.next = null;
    standIn.reply('listReviews', { status: 200, body: first }, { status: 200, body: second });
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });

    const page1 = await client.sessions.listReviews(ID, { limit: 2 });
    expect(page1.results).toEqual(first.results);
    expect(page1.hasNextPage()).toBe(true);
    const page2 = await page1.getNextPage();
    expect(page2.results).toEqual(second.results);
    expect(page2.hasNextPage()).toBe(false);
    expect(await rejectionOf(page2.getNextPage())).toBeInstanceOf(InvalidArgumentError);

    expect(standIn.requests.map((r) => r.pathname)).toEqual([
      `/v3/sessions/${ID}/reviews/`,
      `/v3/sessions/${ID}/reviews/`,
    ]);
    expect(Object.fromEntries(standIn.requests[0]!.query)).toEqual({ limit: '2' });
    expect(Object.fromEntries(standIn.requests[1]!.query)).toEqual({ limit: '2', offset: '2' });
  });
});
