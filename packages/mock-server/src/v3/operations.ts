import { type Endpoint, v3Operations } from '@didit-kit/core/server';

// The operations of Didit's v3 OpenAPI that core generates (`v3Operations`, by resource and verb),
// as one flat table keyed `resource.verb` (`users.list`): what the mock registers its routes from.
// The 13 hand-written sessions operations are core's `v3Endpoints` (v3/routes.ts).

type Operations = typeof v3Operations;
/** `users.list`, `transactions.createSdkToken`, ...: one key per generated operation. */
export type OperationKey = {
  [R in keyof Operations]: `${R & string}.${keyof Operations[R] & string}`;
}[keyof Operations];

/** Every generated operation, by key. */
export const OPERATIONS: Readonly<Record<OperationKey, Endpoint>> = Object.fromEntries(
  Object.entries(v3Operations).flatMap(([resource, verbs]) =>
    Object.entries(verbs as Record<string, Endpoint>).map(([verb, endpoint]) => [`${resource}.${verb}`, endpoint]),
  ),
) as Record<OperationKey, Endpoint>;

export const OPERATION_KEYS = Object.keys(OPERATIONS) as OperationKey[];
