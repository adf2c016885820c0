// The browser build of server-exports.ts: the upload types only (they cost nothing at run time),
// no `toFile` (see server-exports.ts).
export type { ToFileInput, Uploadable, UploadLimits } from '../uploads.ts';
