import * as z from 'zod/mini';
import type { BodyEncoder } from './endpoints/endpoint.ts';
import { InvalidArgumentError } from './errors.ts';

/**
 * What an upload field takes: a `File` or `Blob` (a browser's file input, `fetch().blob()`), bytes
 * (`Uint8Array`, a Node `Buffer`, an `ArrayBuffer`), or what `toFile()` makes of a stream or a path.
 */
export type Uploadable = Blob | Uint8Array | ArrayBuffer;

/** What `toFile` reads: bytes, a Blob, a stream of chunks (a Node `Readable`, a `ReadableStream`), or a file path (Node, Bun, Deno). */
export type ToFileInput = Uploadable | AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array> | string;

/**
 * A `File` for an upload field, from bytes, a stream or (on a server runtime) a path, named `name`
 * (the extension tells Didit, and the checks before sending, what it is):
 * `await client.faceMatch.compare({ user_image: await toFile('./selfie.jpg'), ref_image: ... })`.
 */
export async function toFile(input: ToFileInput, name?: string, options: { type?: string } = {}): Promise<File> {
  if (typeof input === 'string') {
    // A path: read where the runtime has a file system (never bundled for a browser: a dynamic import).
    const fs = (await import(/* @vite-ignore */ 'node:fs/promises')) as { readFile(path: string): Promise<Uint8Array> };
    const bytes = await fs.readFile(input);
    return new File([bytes as Uint8Array<ArrayBuffer>], name ?? input.split(/[\\/]/).pop() ?? 'file', options);
  }
  if (input instanceof Blob) {
    return new File([input], name ?? (input as Partial<File>).name ?? 'file', { type: options.type ?? input.type });
  }
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    return new File([input as Uint8Array<ArrayBuffer>], name ?? 'file', options);
  }
  const chunks: BlobPart[] = [];
  const iterable: AsyncIterable<Uint8Array | string> =
    Symbol.asyncIterator in input ? input : readableToIterable(input as ReadableStream<Uint8Array>);
  for await (const chunk of iterable) chunks.push(chunk as BlobPart);
  return new File(chunks, name ?? 'file', options);
}

async function* readableToIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Didit's documented limits of one upload field. */
export interface UploadLimits {
  /** The largest file Didit accepts, in bytes. */
  maxBytes?: number | undefined;
  /** The extensions Didit accepts (`jpg`, `png`, `pdf`, ...). */
  extensions?: readonly string[] | undefined;
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
  tif: 'image/tiff',
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  ndjson: 'application/x-ndjson',
};

/**
 * An upload field's schema: a Blob or bytes, no larger than `maxBytes`, of an accepted type, checked
 * before anything is sent (by the file's name, else its `type`, else its first bytes).
 */
export function uploadable(limits: UploadLimits = {}) {
  return z.custom<Uploadable>((value) => uploadProblem(value, limits) === undefined, {
    error: (issue) => uploadProblem(issue.input, limits) ?? 'must be a file',
  });
}

function uploadProblem(value: unknown, { maxBytes, extensions }: UploadLimits): string | undefined {
  if (!(value instanceof Blob || value instanceof Uint8Array || value instanceof ArrayBuffer)) {
    return 'must be a File, a Blob or bytes (see toFile())';
  }
  const size = value instanceof Blob ? value.size : value.byteLength;
  if (maxBytes !== undefined && size > maxBytes) {
    return `is ${size} bytes, more than the ${maxBytes} Didit accepts`;
  }
  if (!extensions || extensions.length === 0) return undefined;
  const kind = kindOf(value);
  if (kind === undefined) return undefined;
  const accepted = new Set(extensions.flatMap((e) => [e.toLowerCase(), MIME[e.toLowerCase()]]).filter(Boolean));
  return accepted.has(kind) ? undefined : `is ${kind}, which Didit does not accept here (${extensions.join(', ')})`;
}

/** The file's kind: its name's extension, else its MIME type, else what its first bytes say. */
function kindOf(value: Blob | Uint8Array | ArrayBuffer): string | undefined {
  const name = (value as Partial<File>).name;
  const extension = typeof name === 'string' && name.includes('.') ? name.split('.').pop()?.toLowerCase() : undefined;
  if (extension) return extension;
  if (value instanceof Blob) return value.type || undefined;
  const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
  return sniff(bytes);
}

function sniff(b: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((byte, i) => b[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) {
    return 'image/webp';
  }
  return undefined;
}

/**
 * A validated multipart body as a `FormData`: files as files (bytes get a name), lists as repeated
 * fields, objects as JSON, the rest as text; `undefined` and `null` left out.
 */
export function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (value instanceof Blob) form.append(name, value, (value as Partial<File>).name ?? name);
    else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      form.append(name, new Blob([value as Uint8Array<ArrayBuffer>]), name);
    } else if (typeof value === 'object') form.append(name, JSON.stringify(value));
    else form.append(name, String(value));
  };
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value) && value.some((v) => v instanceof Blob || v instanceof Uint8Array)) {
      for (const item of value) add(name, item);
    } else add(name, value);
  }
  return form;
}

/**
 * The `encodeBody` of an upload endpoint: the validated fields as `multipart/form-data`, encoded by
 * the runtime's own `Response` (a stream with its boundary) anew for each attempt.
 */
export const multipart: BodyEncoder = (body, context) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgumentError(`${context}: the body must be an object of form fields`);
  }
  const form = toFormData(body as Record<string, unknown>);
  return () => {
    const encoded = new Response(form);
    return { stream: encoded.body!, contentType: encoded.headers.get('content-type') ?? 'multipart/form-data' };
  };
};

/**
 * The `encodeBody` of an operation Didit takes as JSON or as multipart (customization, database
 * validation, session imports): multipart when the body holds a file, else JSON, which keeps what
 * form fields cannot (`null` to clear a value, nested objects as they are).
 */
export const jsonOrMultipart: BodyEncoder = (body, context) => {
  const values = typeof body === 'object' && body !== null ? Object.values(body) : [];
  const isFile = (v: unknown) => v instanceof Blob || v instanceof Uint8Array || v instanceof ArrayBuffer;
  return values.some((v) => isFile(v) || (Array.isArray(v) && v.some(isFile))) ? multipart(body, context) : undefined;
};
