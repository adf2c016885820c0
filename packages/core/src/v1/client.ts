import { DiditClientBase, type V1ClientOptions } from '../client-base.ts';
import { v1Generation } from './generation.ts';

/**
 * A v1-only `DiditClient` (`@didit-kit/core/v1`): the same client with only the v1 endpoints and
 * schemas, so a bundle that imports it carries nothing of v3. A credential-less one talks v1 to a proxy.
 */
export class DiditClient extends DiditClientBase<'v1'> {
  constructor(options: V1ClientOptions = {}) {
    super(options, v1Generation);
  }
}
