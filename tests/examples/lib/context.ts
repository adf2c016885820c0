import { inject } from 'vitest';

/** What the global setup prepared, handed to every test through vitest's `provide`/`inject`. */
export interface ExamplesContext {
  /** Set when the build or the packing failed: every test fails with it. */
  setupError?: string | undefined;
  /** `<os tmpdir>/didit-kit-examples-XXXX`: the tarballs, and one empty folder per app. */
  root: string;
  /** The packed tarballs by package name (`@didit-kit/core`, ..., `@didit-kit/create`). */
  tarballs: Record<string, string>;
  /** The packages' version, which `create` must write as `^version`. */
  version: string;
  timingsMs: Record<string, number>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    examples: ExamplesContext;
  }
}

export function examplesContext(): ExamplesContext {
  const context = inject('examples');
  if (context.setupError) throw new Error(`examples setup failed: ${context.setupError}`);
  return context;
}
