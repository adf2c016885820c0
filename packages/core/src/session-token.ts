import { InvalidArgumentError } from './errors.ts';

// Didit's session tokens are short URL-safe strings; anything else could smuggle a header.
const SESSION_TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

export function assertSessionToken(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !SESSION_TOKEN.test(value)) {
    throw new InvalidArgumentError(
      'sessionToken must be the session_token Didit returned when the session was created',
    );
  }
}
