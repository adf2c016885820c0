import { clientCredentialsAuth } from '../auth/client-credentials-auth.ts';
import type { Generation } from '../client-base.ts';
import { InvalidArgumentError } from '../errors.ts';
import { v1Endpoints } from './endpoints.ts';
import { V1Sessions } from './sessions.ts';

export const DEFAULT_AUTH_URL = 'https://apx.didit.me';

/** Didit v1: a client-credentials token from the auth server, sent as `Authorization: Bearer`. */
export const v1Generation: Generation<'v1'> = {
  apiVersion: 'v1',
  endpoints: v1Endpoints,
  sessions: (invoke) => new V1Sessions(invoke),
  auth({ clientId, clientSecret, authUrl }, { redactor, send }) {
    if (clientId === undefined || clientSecret === undefined) return undefined;
    if (!clientId || !clientSecret) throw new InvalidArgumentError('clientId and clientSecret must not be empty.');
    const url = (authUrl ?? DEFAULT_AUTH_URL).replace(/\/+$/, '');
    if (!/^https?:\/\//.test(url)) {
      throw new InvalidArgumentError(`authUrl must be an absolute URL with its scheme (${DEFAULT_AUTH_URL})`);
    }
    return clientCredentialsAuth({ clientId, clientSecret, authUrl: url, redactor, send });
  },
};
