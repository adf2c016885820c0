// The mock server's v3 fixtures (V3_FIXTURE_IDS of @didit-kit/mock-server) the smoke pages show.
// Apart from smoke-proxy.mjs so that a browser page can import it.
export const APPROVED_SESSION = 'd1d17000-0000-4000-8000-000000000301';
