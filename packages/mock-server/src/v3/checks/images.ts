import { SAMPLE_DOCUMENT_BASE64 } from './sample-document.ts';

// What the standalone checks read in an uploaded image: whether it is an image at all (its first
// bytes), whether it is the mock's sample document, and whether two images are the same bytes.

export type Upload = Blob | Uint8Array;

export async function bytesOf(upload: unknown): Promise<Uint8Array | undefined> {
  if (upload instanceof Blob) return new Uint8Array(await upload.arrayBuffer());
  if (upload instanceof Uint8Array) return upload;
  if (typeof upload === 'string' && upload !== '') {
    // A base64 image (the JSON variants of some routes).
    const clean = upload.replace(/^data:[^,]*,/, '');
    if (/^[A-Za-z0-9+/=\s]+$/.test(clean))
      return Uint8Array.from(atob(clean.replace(/\s+/g, '')), (ch) => ch.charCodeAt(0));
  }
  return undefined;
}

/** True for the bytes of a JPEG, PNG, WebP, TIFF or PDF (what Didit's readers open). */
export function isReadable(bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((byte, i) => bytes[i] === byte);
  return (
    starts(0xff, 0xd8, 0xff) ||
    starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) ||
    starts(0x25, 0x50, 0x44, 0x46) ||
    starts(0x49, 0x49, 0x2a, 0x00) ||
    starts(0x4d, 0x4d, 0x00, 0x2a) ||
    (starts(0x52, 0x49, 0x46, 0x46) &&
      bytes[8] === 0x57 &&
      bytes[9] === 0x45 &&
      bytes[10] === 0x42 &&
      bytes[11] === 0x50)
  );
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let sample: Uint8Array | undefined;

/** The package's sample ID document (`examples/sample-id-document.png`). */
export function sampleDocument(): Uint8Array {
  sample ??= Uint8Array.from(atob(SAMPLE_DOCUMENT_BASE64), (ch) => ch.charCodeAt(0));
  return sample;
}
