// @vitest-environment node
// Builds the package (as `pnpm build` does, without type declarations, into a temporary folder)
// and checks what a bundler or a React Server Component sees. A `.ts` file: it runs once, in the
// `react` project, not again on React 18.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dependencies?: Record<string, string>;
};
let outDir = '';
const read = (file: string) => readFileSync(join(outDir, file), 'utf8');

describe('the built package', () => {
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'didit-react-build-'));
    await build({ cwd: packageDir, outDir, dts: false, sourcemap: false, logLevel: 'silent' });
  }, 60_000);
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it.each(['provider', 'use-session-decision', 'use-suspense-session-decision', 'use-update-session-status'])(
    "keeps 'use client' at the top of %s (ESM and CJS)",
    (name) => {
      expect(read(`${name}.js`).startsWith('"use client";')).toBe(true);
      expect(read(`${name}.cjs`).startsWith('"use client";')).toBe(true);
    },
  );

  it.each(['index', 'session-decision-query-options', 'query-keys', 'polling'])(
    'leaves %s a server module, so a Server Component can prefetch with the options factory',
    (name) => {
      expect(read(`${name}.js`)).not.toContain('use client');
    },
  );

  it('imports react, TanStack Query and core rather than bundling them', () => {
    const all = ['provider', 'use-session-decision', 'session-decision-query-options', 'polling'].map((n) =>
      read(`${n}.js`),
    );
    expect(all.join('\n')).toMatch(/from "react"/);
    expect(all.join('\n')).toMatch(/from "@tanstack\/react-query"/);
    expect(all.join('\n')).toMatch(/from "@didit-kit\/core"/);
    expect(all.join('\n')).not.toContain('function useQuery(');
  });

  it('declares react and @tanstack/react-query as peer dependencies only (any other peer is optional)', () => {
    const optional = Object.keys(pkg.peerDependenciesMeta ?? {}).filter(
      (name) => pkg.peerDependenciesMeta?.[name]?.optional,
    );
    const required = Object.keys(pkg.peerDependencies ?? {}).filter((name) => !optional.includes(name));
    expect(required.sort()).toEqual(['@tanstack/react-query', 'react']);
    expect(pkg.dependencies).not.toHaveProperty('react');
    expect(pkg.dependencies).not.toHaveProperty('@tanstack/react-query');
  });
});
