import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SMOKE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_ROOT = join(SMOKE_DIR, '..', '..');
export const CONSUMERS_DIR = join(SMOKE_DIR, 'consumers');

/** Downloads kept between runs (runtimes): outside the repo, so a clean clone stays clean. */
export const CACHE_DIR = process.env.SMOKE_CACHE_DIR ?? join(tmpdir(), 'didit-kit-smoke-cache');

/** The three published packages, in dependency order. */
export const PACKAGES = [
  { name: '@didit-kit/core', dir: 'packages/core', key: 'core' },
  { name: '@didit-kit/react', dir: 'packages/react', key: 'react' },
  { name: '@didit-kit/mock-server', dir: 'packages/mock-server', key: 'mockServer' },
] as const;

export type PackageKey = (typeof PACKAGES)[number]['key'];

/** The seed decision: Declined, with one AML hit (shared/seed/retrieve-session.md). */
export const SEED_SESSION_ID = '11111111-2222-3333-4444-555555555555';
