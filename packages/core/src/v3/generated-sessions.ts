// The sessions operations generated from Didit's spec, which `Sessions` extends. Browser builds
// alias this file to generated-sessions.browser.ts: those operations are server-side only.
export { GeneratedSessions } from './api/sessions.gen.ts';
