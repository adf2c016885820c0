import {
  type ApiVersion,
  DiditClientBase,
  type DiditClientOptions,
  type V1ClientOptions,
  type V3ClientOptions,
} from './client-base.ts';
import { InvalidArgumentError } from './errors.ts';
import { v1Generation } from './v1/generation.ts';
import { v3Generation } from './v3/generation.ts';
import type { V3Resources } from './v3/resources.ts';

/**
 * A client for Didit's API. The generation follows the credentials, and so do the types:
 * `new DiditClient({ apiKey })` speaks v3 (the default), `new DiditClient({ clientId, clientSecret })`
 * speaks v1. In a browser, give it no credentials and point `baseUrl` at your proxy route
 * (`apiVersion: 'v1'` for a v1 proxy).
 */
export type DiditClient<V extends ApiVersion = ApiVersion> = DiditClientBase<V> & ResourcesFor<V>;

/** A v3 client's generated resources (`client.users`, `client.aml`, ...); a v1 client has none. */
type ResourcesFor<V extends ApiVersion> = [V] extends ['v3'] ? V3Resources : unknown;

export interface DiditClientConstructor {
  /** v1: client credentials (or `apiVersion: 'v1'` without them, behind a proxy). */
  new (options: V1ClientOptions & ({ clientId: string | undefined } | { apiVersion: 'v1' })): DiditClient<'v1'>;
  /** v3, the default: an API key (or none, behind a proxy). */
  new (options?: V3ClientOptions): DiditClient<'v3'>;
  /** Either, decided at run time. */
  new (options: DiditClientOptions): DiditClient;
  readonly prototype: DiditClient;
}

/** The generation `options` ask for: explicit `apiVersion`, else v1 for client credentials, else v3. */
function generationFor(options: DiditClientOptions) {
  const v1 = options.apiVersion === 'v1' || (options.apiVersion === undefined && isV1(options));
  if (options.apiVersion !== undefined && options.apiVersion !== 'v1' && options.apiVersion !== 'v3') {
    throw new InvalidArgumentError(
      `apiVersion must be 'v1' or 'v3'; got ${JSON.stringify(String(options.apiVersion))}`,
    );
  }
  return v1 ? v1Generation : v3Generation;
}

function isV1(options: DiditClientOptions): boolean {
  return 'clientId' in options || 'clientSecret' in options || options.authUrl !== undefined;
}

export const DiditClient: DiditClientConstructor = class DiditClient extends DiditClientBase {
  constructor(options: DiditClientOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options must be an object');
    super(options, generationFor(options) as never);
  }
} as unknown as DiditClientConstructor;
