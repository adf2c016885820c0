// The browser client asks for `.../decision/` (Didit's paths end in a slash). With Next's default
// `trailingSlash: false`, every poll would get a 308 to the slash-less URL first:
// `skipTrailingSlashRedirect` lets the request reach the route handler as sent.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
export default {
  skipTrailingSlashRedirect: true,
  // The smoke app's node_modules and shared files are one folder up.
  turbopack: { root: dirname(dirname(fileURLToPath(import.meta.url))) },
};
