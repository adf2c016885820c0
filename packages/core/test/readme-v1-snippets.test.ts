import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readme, snippetsOf, typeCheck } from '../../../tests/support/type-check-snippets.ts';

// The "Quick start (v1)" section's examples compile as written: a v1 app's client and its webhook,
// typed LegacyWebhookEvent with apiVersion: 'v1'.
const packageDir = join(import.meta.dirname, '..');

describe("the README's v1 quick start", () => {
  it('type-checks as written', () => {
    const text = readme(packageDir);
    const start = text.indexOf('## Quick start (v1)');
    const snippets = snippetsOf(text.slice(start, text.indexOf('\n## ', start + 1)));
    expect(snippets.map((s) => s.code).join('\n')).toContain("apiVersion: 'v1'");
    const files = Object.fromEntries(snippets.map((s, i) => [`v1-${i}.ts`, s.code]));
    expect(typeCheck(join(packageDir, 'test', 'readme'), files)).toEqual([]);
  }, 120_000);
});
