import { readFileSync } from 'node:fs';

// Images for the tests' uploads: the package's sample ID document (the one ID verification reads),
// and another valid PNG with other bytes (another face, an unknown document).

const png = (base64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(Buffer.from(base64, 'base64'));

export const SAMPLE_IMAGES = {
  /** examples/sample-id-document.png */
  document: new Uint8Array(readFileSync(new URL('../../examples/sample-id-document.png', import.meta.url))),
  /** 1x1 black PNG. */
  other: png('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
};
