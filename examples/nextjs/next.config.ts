import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // create-next-app's defaults.
  cacheComponents: true,
  partialPrefetching: true,
  turbopack: {
    rules: {
      '*.css': {
        loaders: ['@tailwindcss/turbopack'],
        as: '*.css',
      },
    },
  },
  // The browser's DiditClient asks for Didit's paths, which end in a slash (`/api/didit/v3/session/`,
  // `.../decision/`). Without this, Next answers each of them with a 308 to the slash-less URL before the
  // proxy route sees it, and the client (which does not follow redirects) fails.
  skipTrailingSlashRedirect: true,
};

export default nextConfig;
