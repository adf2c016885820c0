import { DiditClientBase, type V3ClientOptions } from '../client-base.ts';
import { v3Generation } from './generation.ts';

/**
 * A v3-only `DiditClient` (`@didit-kit/core/v3`): the same client with only the v3 endpoints and
 * schemas, so a bundle that imports it carries nothing of v1.
 */
export class DiditClient extends DiditClientBase<'v3'> {
  constructor(options: V3ClientOptions = {}) {
    super(options, v3Generation);
  }
}
