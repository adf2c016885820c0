import { isIP } from 'node:net';

// Which `Host` headers the server answers (a guard against DNS rebinding): a page of another site
// can point its own name at 127.0.0.1 and then read the mock's answers as same-origin ones. The
// browser still sends that name in `Host`, so a server that answers only its own names is safe.
// Only the host name is compared, not the port (a proxy or a port mapping may change the port).

export interface HostCheckOptions {
  /** The `host` the server was asked to listen on (a name or an address). */
  host: string;
  /** The address it listens on (`server.address().address`). */
  boundAddress: string;
  /** `publicUrl`: its host is allowed too. */
  publicUrl?: string | undefined;
  /** Extra names (`allowHosts`, `--allow-host`); `.example.test` allows that domain and its subdomains. */
  allowHosts?: readonly string[] | undefined;
}

/**
 * The host name of a `Host` value (`name`, `name:port`, `[v6]`, `[v6]:port`), in URL form: lower
 * case, IPv6 in brackets and compressed, without a trailing dot. Undefined when it is not one.
 */
export function hostnameOf(value: string): string | undefined {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/.exec(value.trim());
  if (!match) return undefined;
  try {
    const name = new URL(`http://${match[1]}/`).hostname;
    return name.endsWith('.') ? name.slice(0, -1) : name;
  } catch {
    return undefined;
  }
}

/** Checks `allowHosts` entries: each must be a host name (a port is ignored), or one with a leading dot. */
export function normalizeAllowHosts(allowHosts: unknown): string[] {
  if (allowHosts === undefined) return [];
  if (!Array.isArray(allowHosts)) throw new TypeError('allowHosts must be a list of host names');
  return allowHosts.map((entry: unknown) => {
    const text = typeof entry === 'string' ? entry.trim() : '';
    const domain = text.startsWith('.');
    const name = text === '' ? undefined : hostnameOf(domain ? text.slice(1) : text);
    if (name === undefined || (domain && name.startsWith('['))) {
      throw new TypeError(
        `allowHosts: ${JSON.stringify(entry)} is not a host name (like "mock.internal", "192.168.1.20" or ".example.test")`,
      );
    }
    return domain ? `.${name}` : name;
  });
}

/** A listening address or host option in the same form as `hostnameOf` gives (IPv6 in brackets). */
function canonical(value: string): string | undefined {
  return hostnameOf(isIP(value) === 6 ? `[${value}]` : value);
}

function unbracket(name: string): string {
  return name.startsWith('[') ? name.slice(1, -1) : name;
}

function isLoopback(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true; // RFC 6761: always loopback
  const ip = unbracket(name);
  return (isIP(ip) === 4 && ip.startsWith('127.')) || ip === '::1';
}

const UNSPECIFIED = new Set(['0.0.0.0', '[::]']);

/**
 * A predicate for `Host` headers. Allowed: loopback names and addresses (`localhost`, `*.localhost`,
 * `127.0.0.0/8`, `[::1]`), the host the server listens on (and, listening on every interface
 * (`0.0.0.0`, `::`), any IP address), `publicUrl`'s host, and `allowHosts`. A request without
 * `Host` (HTTP/1.0) passes: a browser always sends one.
 */
export function hostChecker(options: HostCheckOptions): (hostHeader: string | undefined) => boolean {
  const own = [canonical(options.host), canonical(options.boundAddress)];
  const exact = new Set<string>(own.filter((name): name is string => name !== undefined));
  if (options.publicUrl !== undefined) {
    const name = URL.canParse(options.publicUrl) ? hostnameOf(new URL(options.publicUrl).host) : undefined;
    if (name !== undefined) exact.add(name);
  }
  const domains: string[] = [];
  for (const entry of normalizeAllowHosts(options.allowHosts)) {
    if (entry.startsWith('.')) domains.push(entry);
    else exact.add(entry);
  }
  const anyAddress = own.some((name) => name !== undefined && UNSPECIFIED.has(name));

  const allowed = (hostHeader: string): boolean => {
    const name = hostnameOf(hostHeader);
    if (name === undefined) return false;
    if (isLoopback(name) || exact.has(name)) return true;
    if (domains.some((domain) => name.endsWith(domain) || name === domain.slice(1))) return true;
    return anyAddress && isIP(unbracket(name)) !== 0;
  };
  // Clients send the same few Host values over and over: remember the verdicts (a bounded few).
  const verdicts = new Map<string, boolean>();
  return (hostHeader) => {
    if (hostHeader === undefined || hostHeader === '') return true;
    let verdict = verdicts.get(hostHeader);
    if (verdict === undefined) {
      verdict = allowed(hostHeader);
      if (verdicts.size >= 256) verdicts.clear();
      verdicts.set(hostHeader, verdict);
    }
    return verdict;
  };
}
