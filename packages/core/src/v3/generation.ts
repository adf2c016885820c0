import { apiKeyAuth } from '../auth/api-key-auth.ts';
import type { Generation } from '../client-base.ts';
import { InvalidArgumentError } from '../errors.ts';
import { v3Endpoints } from './endpoints.ts';
import { v3Resources } from './resources.ts';
import { Sessions } from './sessions.ts';

/** Didit v3: `x-api-key` on every call. */
export const v3Generation: Generation<'v3'> = {
  apiVersion: 'v3',
  endpoints: v3Endpoints,
  sessions: (invoke) => new Sessions(invoke),
  resources: v3Resources,
  auth({ apiKey }, { redactor }) {
    if (apiKey === undefined) return undefined;
    if (typeof apiKey !== 'string' || !apiKey.trim()) throw new InvalidArgumentError('apiKey must not be empty.');
    // A header value cannot hold a line break: refuse it here rather than as a confusing transport error.
    if (/[\r\n\0]/.test(apiKey)) throw new InvalidArgumentError('apiKey holds a line break or NUL.');
    redactor.add(apiKey);
    return apiKeyAuth(apiKey);
  },
};
