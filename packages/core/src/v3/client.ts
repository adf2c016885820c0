import { DiditClientBase, type V3ClientOptions } from '../client-base.ts';
import { v3Generation } from './generation.ts';
import type { V3Resources } from './resources.ts';

/** A v3 client: the sessions family and, on a server, the generated resources (`client.users`, ...). */
export type DiditClient = DiditClientBase<'v3'> & V3Resources;

/**
 * A v3-only `DiditClient` (`@didit-kit/core/v3`): the same client with only the v3 endpoints and
 * schemas, so a bundle that imports it carries nothing of v1.
 */
export const DiditClient: { new (options?: V3ClientOptions): DiditClient; readonly prototype: DiditClient } =
  class DiditClient extends DiditClientBase<'v3'> {
    constructor(options: V3ClientOptions = {}) {
      super(options, v3Generation);
    }
  } as never;
