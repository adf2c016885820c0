/** What a request id looks like: Didit's are UUIDs; proxies and gateways use letters, digits and `.:_-`. */
const REQUEST_ID = /^[A-Za-z0-9.:_-]{1,128}$/;

/**
 * An upstream `x-request-id` worth keeping (on errors, in logs, passed to the browser), or
 * undefined. Anything else, such as a header that echoes the request's own headers and so the
 * API key, is dropped rather than trusted; `isSecret` drops one that holds a known secret.
 */
export function requestIdFrom(
  header: string | null | undefined,
  isSecret: (text: string) => boolean = () => false,
): string | undefined {
  if (header === null || header === undefined || !REQUEST_ID.test(header) || isSecret(header)) return undefined;
  return header;
}
