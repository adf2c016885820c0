import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { operationTableMarkdown } from './support/operation-table.ts';

// The README's table of operations is the one the routes describe (`UPDATE_README=1` rewrites it).

const README = new URL('../README.md', import.meta.url);
const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

it('the README lists every operation of the spec as the routes answer it', () => {
  const text = readFileSync(README, 'utf8');
  const table = operationTableMarkdown();
  const [before, rest] = text.split(START) as [string, string | undefined];
  expect(rest, `README.md has no ${START}`).toBeDefined();
  const after = rest!.split(END)[1];
  const expected = `${before}${START}\n${table}\n${END}${after}`;
  if (process.env.UPDATE_README === '1') writeFileSync(README, expected);
  expect(text).toBe(expected);
});
