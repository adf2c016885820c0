import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The repository's helper: one compiler set-up for every README and docs page.
import { readme, snippetsOf, typeCheck } from '../../../tests/support/type-check-snippets.ts';

// The "Server-side proxy" section's examples compile as written. The framework mountings (Hono,
// Express, Fastify, Next.js) import packages this one does not install: tests/smoke runs them,
// from the packed packages, in real projects.

const packageDir = join(import.meta.dirname, '..');
const FRAMEWORKS = /from '(hono|express|fastify|next|@\/lib\/didit-proxy)'/;

describe("the README's proxy examples", () => {
  it('type-check as written', () => {
    const text = readme(packageDir);
    const start = text.indexOf('## Server-side proxy');
    const section = text.slice(start, text.indexOf('\n## ', start + 1));
    const snippets = snippetsOf(section).filter((s) => !FRAMEWORKS.test(s.code));
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    // The first example is the module the others import, saved as `didit-proxy.ts`.
    const [server, ...rest] = snippets;
    const files = Object.fromEntries(rest.map((s) => [s.name, s.code]));
    const errors = typeCheck(join(packageDir, 'test', 'readme'), { 'didit-proxy.ts': server?.code ?? '', ...files });
    expect(errors).toEqual([]);
  }, 120_000);
});
