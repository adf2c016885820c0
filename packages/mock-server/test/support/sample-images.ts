// Small images for the tests' uploads: a valid PNG (the document and face every check accepts) and
// another PNG with other bytes (a different face).

const png = (base64: string) => Uint8Array.from(Buffer.from(base64, 'base64'));

export const SAMPLE_IMAGES = {
  /** 1x1 white PNG. */
  document: png('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='),
  /** 1x1 black PNG. */
  other: png('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
};
