// The server-only entry, `@didit-kit/core/server`: code that holds credentials on behalf of
// browsers. Runtime-neutral (fetch `Request`/`Response` only), so it also runs on edge runtimes.
export {
  createDiditProxy,
  DEFAULT_PROXY_CACHE_MS,
  DEFAULT_PROXY_MAX_CACHE_ENTRIES,
  DEFAULT_PROXY_TERMINAL_CACHE_MS,
  type DiditProxyHandler,
  type DiditProxyOptions,
} from './proxy/create-didit-proxy.ts';
