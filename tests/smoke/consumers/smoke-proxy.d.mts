// Types of smoke-proxy.mjs, for the Next.js app's TypeScript.
export declare function createSmokeProxy(): (request: Request) => Promise<Response>;
