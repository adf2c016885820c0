// A web-worker build: everything bundled (a worker has no node_modules), resolved with the
// `worker`/`browser` export conditions as Cloudflare's and Vercel's edge bundlers do.
export default {
  ssr: { target: 'webworker', noExternal: true },
  build: { ssr: 'worker.js', emptyOutDir: true },
};
