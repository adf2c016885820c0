// The proxy as a Next.js route handler. Its module (and the server client in it) loads during
// `next build`, which runs without secrets here: the proxy checks credentials per request, so the
// build passes and `next start` with DIDIT_API_KEY serves the requests.
import { createSmokeProxy } from '../../../../../smoke-proxy.mjs';

const diditProxy = createSmokeProxy();

export const GET = diditProxy;
export const POST = diditProxy;
export const PATCH = diditProxy;
