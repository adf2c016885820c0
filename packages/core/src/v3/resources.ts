// The generated resources (`client.users`, `client.aml`, ...) for server builds. Browser builds
// alias this file to resources.browser.ts, so none of them enters a browser bundle.
import type { DiditClientOptions, V3ClientOptions } from '../client-base.ts';
import type { ScopedPathParams } from '../endpoints/endpoint.ts';
import type { Invoke } from '../endpoints/invoke.ts';
import { InvalidArgumentError } from '../errors.ts';
import { isSessionId } from '../session-id.ts';
import { v3Resources as create, type V3Resources } from './api/index.gen.ts';

export type { V3Resources };

/**
 * The resources, calling through `invoke` with the organization and application ids the client was
 * given (`organizationId`, `applicationId`) filled in wherever a route names them.
 */
export function v3Resources(invoke: Invoke, options: DiditClientOptions): V3Resources {
  const { organizationId, applicationId } = options as V3ClientOptions;
  for (const [name, id] of Object.entries({ organizationId, applicationId })) {
    if (id !== undefined && !isSessionId(id)) throw new InvalidArgumentError(`${name} must be a UUID`);
  }
  const scope = { organization_id: organizationId, application_id: applicationId };
  const scoped: Invoke = (endpoint, params, body, invokeOptions) => {
    const names = [...endpoint.path.matchAll(/\{(organization_id|application_id)\}/g)].map((m) => m[1]!);
    if (names.length === 0) return invoke(endpoint, params, body, invokeOptions);
    const filled: Record<string, unknown> = { ...scope, ...params };
    const missing = names.find((name) => filled[name] === undefined);
    if (missing !== undefined) {
      const option = missing === 'organization_id' ? 'organizationId' : 'applicationId';
      return Promise.reject(
        new InvalidArgumentError(
          `${endpoint.name} is scoped to an application: create the client with ${option} (or set ` +
            `DIDIT_${missing.toUpperCase()} where the server runs)`,
        ),
      );
    }
    return invoke(endpoint, filled as ScopedPathParams<typeof endpoint.path>, body, invokeOptions);
  };
  return create(scoped);
}
