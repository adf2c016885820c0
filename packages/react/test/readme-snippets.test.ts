import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readme, snippetsOf, typeCheck } from '../../../tests/support/type-check-snippets.ts';

// Every TypeScript example in the README compiles as written (v3, the default generation), with
// only what a reader brings: the files it says to create, and a few packages it says to install.
// A `.ts` file: it runs once, in the `react` project.

const packageDir = join(import.meta.dirname, '..');

/** What the examples import but do not define: a file of the reader's app, or a package of theirs. */
const READER_FILES = {
  // "the 'use client' component above", saved where the examples import it from.
  'verification-result.tsx':
    'export function VerificationResult(_: { sessionId: string | undefined }) { return null; }\n',
  'reader-packages.d.ts': `
declare module 'react-error-boundary' {
  import type { ReactNode } from 'react';
  export function ErrorBoundary(props: { fallback: ReactNode; children?: ReactNode }): ReactNode;
}
declare module 'server-only' {}
declare module '@/lib/didit-server' {
  export const didit: import('@didit-kit/core').DiditClient<'v3'>;
  export const DIDIT_KEY_SCOPE: string;
}
`,
};

describe('the README examples', () => {
  it('type-check as written', () => {
    const snippets = snippetsOf(readme(packageDir))
      // The v1 registration would turn every other example into v1: it is one declaration, shown on its own.
      .filter((snippet) => !snippet.code.includes("declare module '@didit-kit/react'"));
    expect(snippets.length).toBeGreaterThan(10);
    const files = Object.fromEntries(snippets.map((s, i) => [`readme-${String(i + 1).padStart(2, '0')}.tsx`, s.code]));
    const errors = typeCheck(join(packageDir, 'test', 'readme'), { ...files, ...READER_FILES });
    expect(errors).toEqual([]);
  }, 120_000);
});
