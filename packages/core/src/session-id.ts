import { InvalidArgumentError } from './errors.ts';

// Didit's session ids are UUIDs. Any 8-4-4-4-12 hex form is accepted (the seed's own
// example id has no RFC version digit); anything else could escape the URL path.
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}

/** Throws `InvalidArgumentError` for anything that is not a UUID, before a request is built. */
export function assertSessionId(value: unknown): asserts value is string {
  if (isSessionId(value)) return;
  const shown =
    typeof value === 'string' ? JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value) : typeof value;
  throw new InvalidArgumentError(`sessionId must be a UUID such as 11111111-2222-3333-4444-555555555555; got ${shown}`);
}
