// The bounds every v3 record store keeps (records/collection.ts): a client looping on a create or an
// update cannot make the mock hold unbounded state.
import { describe, expect, it } from 'vitest';
import { appendBounded, Collection } from '../../src/v3/records/collection.ts';

describe('Collection', () => {
  it('keeps at most cap records, dropping the oldest first', () => {
    const records = new Collection<number>(3);
    for (let i = 1; i <= 5; i++) records.set(`id-${i}`, i);
    expect(records.size).toBe(3);
    expect(records.values()).toEqual([3, 4, 5]);
    expect(records.has('id-2')).toBe(false);
  });
});

describe('appendBounded', () => {
  it("keeps a log's newest max entries, in order, in the same array", () => {
    const log: number[] = [];
    for (let i = 1; i <= 7; i++) expect(appendBounded(log, i, 4)).toBe(log);
    expect(log).toEqual([4, 5, 6, 7]);
  });
});
