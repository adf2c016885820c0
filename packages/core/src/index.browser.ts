// The `browser` entry: the client, schemas and errors, without webhook signing and verification,
// which belong on a server (a browser must never hold the webhook secret).
export * from './exports.ts';
