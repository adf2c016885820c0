// What `@didit-kit/core/v3` exports on servers (Node, workers) only: the upload helper `toFile`.
// Browser builds alias this file to server-exports.browser.ts (tsdown.config.ts), as they alias out
// the generated resources: a browser holds no API key to upload with, and `toFile` reads paths
// through `node:fs`, which a browser bundler should never be asked to resolve.
export { type ToFileInput, toFile, type Uploadable, type UploadLimits } from '../uploads.ts';
