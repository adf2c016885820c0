// Types of smoke-sessions.mjs, for the Next.js app's TypeScript.
export declare const APPROVED_SESSION: string;
