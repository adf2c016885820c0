import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionDroppedError, createMockApp, type MockAppOptions } from '../src/index.ts';
import { getToken, SEED_ID } from './helpers.ts';

// `slowMs` (CLI `--slow`): with `errorRate`, a sixth kind of failure joins the random mix, an
// ordinary answer held back long enough that a client with a shorter timeout gives up.

const decision = `/v1/session/${SEED_ID}/decision/`;

/** Sends `count` requests one after another; each outcome is its status (or `dropped`) and whether it was held back. */
async function outcomes(options: MockAppOptions, count: number): Promise<{ status: string; held: boolean }[]> {
  vi.useFakeTimers();
  const app = createMockApp(options);
  const token = await getToken(app);
  const out: { status: string; held: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    let settled = false;
    const pending = Promise.resolve(app.request(decision, { headers: { authorization: `Bearer ${token}` } })).then(
      (res) => String(res.status),
      (error: unknown) => (error instanceof ConnectionDroppedError ? 'dropped' : 'other'),
    );
    void pending.finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    const held = !settled;
    if (held) await vi.advanceTimersByTimeAsync(options.slowMs ?? 0);
    out.push({ status: await pending, held });
  }
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('slow answers in the server-wide chaos (slowMs)', () => {
  it('holds back some of the failures by slowMs, then answers normally', async () => {
    const all = await outcomes({ errorRate: 1, slowMs: 5_000, seed: 11 }, 120);
    const held = all.filter((o) => o.held);
    // One kind in six: about 20 of 120.
    expect(held.length).toBeGreaterThan(8);
    expect(held.length).toBeLessThan(36);
    for (const o of held) expect(o.status).toBe('200');
    const quick = new Set(all.filter((o) => !o.held).map((o) => o.status));
    expect(quick).toEqual(new Set(['429', '500', '502', '503', 'dropped']));
  });

  it('adds the hold to the latency', async () => {
    vi.useFakeTimers();
    const app = createMockApp({ errorRate: 1, slowMs: 1_000, latency: 300, seed: 11 });
    const token = await getToken(app);
    let sawSlow = false;
    for (let i = 0; i < 60 && !sawSlow; i++) {
      let settled = false;
      const pending = Promise.resolve(app.request(decision, { headers: { authorization: `Bearer ${token}` } }))
        .catch(() => undefined)
        .finally(() => {
          settled = true;
        });
      await vi.advanceTimersByTimeAsync(300);
      if (settled) continue;
      await vi.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending)?.status).toBe(200);
      sawSlow = true;
    }
    expect(sawSlow).toBe(true);
  });

  it('leaves the runs of a seed unchanged when not set', async () => {
    const without = await outcomes({ errorRate: 0.5, seed: 42 }, 60);
    const zero = await outcomes({ errorRate: 0.5, seed: 42, slowMs: 0 }, 60);
    expect(zero).toEqual(without);
    expect(without.some((o) => o.held)).toBe(false);
  });

  it('refuses a slowMs that is not whole ms from 0 to 60 000', () => {
    expect(() => createMockApp({ slowMs: -1 })).toThrow(RangeError);
    expect(() => createMockApp({ slowMs: 1.5 })).toThrow(RangeError);
    expect(() => createMockApp({ slowMs: 60_001 })).toThrow(/slowMs/);
  });
});
