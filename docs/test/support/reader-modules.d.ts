// Packages a reader's app brings that the docs' snippets import but this workspace does not
// install: only the few names the snippets use. (Next.js itself is tested where it runs: the
// smoke project's Next app and examples/nextjs.)
declare module 'next' {
  export interface NextConfig {
    skipTrailingSlashRedirect?: boolean;
    trailingSlash?: boolean;
    cacheComponents?: boolean;
  }
}
declare module 'next/server' {
  export function after<T>(task: Promise<T> | (() => T | Promise<T>)): void;
}
declare module 'server-only' {}
declare module 'react-error-boundary' {
  import type { ReactNode } from 'react';
  export function ErrorBoundary(props: { fallback: ReactNode; children?: ReactNode }): ReactNode;
}
