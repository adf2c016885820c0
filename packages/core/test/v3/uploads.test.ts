// File uploads of the generated resources: `toFile` from every input it takes (Blob, Uint8Array,
// Buffer, a Node stream, a web stream, a path), sent as multipart over real HTTP to the stand-in with
// the bytes intact; Didit's documented size and type limits refused with a typed error before anything
// is sent; and a body Didit takes as JSON or multipart sent as JSON when it holds no file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ServedDiditStandIn, startDiditStandIn } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError, toFile } from '../../src/index.ts';

const API_KEY = 'sk_test_Uploads0123456789abcdefghijklmnopqrstuvwxyz';
/** A tiny JPEG (its magic bytes, then filler): what the checks sniff. */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);

let standIn: ServedDiditStandIn;
let client: DiditClient<'v3'>;
let dir: string;

beforeAll(async () => {
  standIn = await startDiditStandIn({ operations: 'all', apiKey: API_KEY });
  client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
  dir = mkdtempSync(join(tmpdir(), 'didit-uploads-'));
});
afterAll(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => standIn.reset());

const bytesOf = async (file: Blob) => new Uint8Array(await file.arrayBuffer());

describe('toFile', () => {
  const inputs: [string, () => Parameters<typeof toFile>[0]][] = [
    ['a Blob', () => new Blob([JPEG], { type: 'image/jpeg' })],
    ['a Uint8Array', () => JPEG],
    ['an ArrayBuffer', () => JPEG.slice().buffer],
    ['a Buffer', () => Buffer.from(JPEG)],
    ['a Node stream (chunked)', () => Readable.from([Buffer.from(JPEG.slice(0, 5)), Buffer.from(JPEG.slice(5))])],
    [
      'a web ReadableStream',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(JPEG.slice(0, 3));
            controller.enqueue(JPEG.slice(3));
            controller.close();
          },
        }),
    ],
  ];

  it.each(inputs)('makes a named File of %s, its bytes unchanged', async (_, input) => {
    const file = await toFile(input(), 'selfie.jpg', { type: 'image/jpeg' });
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('selfie.jpg');
    expect(file.type).toBe('image/jpeg');
    expect(await bytesOf(file)).toEqual(JPEG);
  });

  it('reads a path, named after the file unless told', async () => {
    const path = join(dir, 'portrait.png');
    writeFileSync(path, PNG);
    const file = await toFile(path);
    expect(file.name).toBe('portrait.png');
    expect(await bytesOf(file)).toEqual(PNG);
    expect((await toFile(path, 'other.png')).name).toBe('other.png');
  });

  it("keeps a File's own name and type when given none", async () => {
    const file = await toFile(new File([JPEG], 'id-front.jpg', { type: 'image/jpeg' }));
    expect([file.name, file.type]).toEqual(['id-front.jpg', 'image/jpeg']);
  });

  it('rejects a path that does not exist with the file system error', async () => {
    await expect(toFile(join(dir, 'missing.jpg'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

/** The multipart parts the stand-in received, parsed back by the runtime's own FormData. */
async function receivedForm(): Promise<FormData> {
  expect(standIn.requests).toHaveLength(1);
  const request = standIn.requests[0]!;
  const type = request.headers.get('content-type') ?? '';
  expect(type).toMatch(/^multipart\/form-data; boundary=/);
  return new Response(request.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData();
}

describe('uploads are sent as multipart, the files byte for byte', () => {
  it.each([
    ['toFile(Buffer)', async () => toFile(Buffer.from(JPEG), 'user.jpg')],
    ['toFile(Node stream)', async () => toFile(Readable.from([Buffer.from(JPEG)]), 'user.jpg')],
    [
      'toFile(path)',
      async () => {
        const path = join(dir, 'user.jpg');
        writeFileSync(path, JPEG);
        return toFile(path);
      },
    ],
    ['a File', async () => new File([JPEG], 'user.jpg', { type: 'image/jpeg' })],
    ['bare bytes (recognised by their first bytes)', async () => JPEG],
  ])('faceMatch.compare with %s', async (_, make) => {
    const result = await client.faceMatch.compare({
      user_image: await make(),
      ref_image: await toFile(PNG, 'ref.png'),
    });
    expect(result).toBeTypeOf('object');
    const form = await receivedForm();
    const user = form.get('user_image') as File;
    const ref = form.get('ref_image') as File;
    expect(await bytesOf(user)).toEqual(JPEG);
    expect(await bytesOf(ref)).toEqual(PNG);
    expect(ref.name).toBe('ref.png');
    expect(standIn.requests[0]!.headers.get('x-api-key')).toBe(API_KEY);
  });

  it('sends the other fields as text beside the files', async () => {
    await client.idVerification.verify({
      front_image: await toFile(JPEG, 'front.jpg'),
      perform_document_liveness: true,
    });
    const form = await receivedForm();
    expect(await bytesOf(form.get('front_image') as File)).toEqual(JPEG);
    expect(form.get('perform_document_liveness')).toBe('true');
  });
});

describe("Didit's documented limits are checked before anything is sent", () => {
  it('refuses a file over the size limit (face match: 5 MB) with an InvalidArgumentError naming the field', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(JPEG);
    const error = await client.faceMatch
      .compare({ user_image: new File([big], 'big.jpg'), ref_image: await toFile(JPEG, 'ref.jpg') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/user_image/);
    expect((error as Error).message).toMatch(/5242880/);
    expect(standIn.requests).toHaveLength(0);
  });

  it('refuses a type Didit does not take there (a PDF for face match), by name, MIME type or first bytes', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    for (const user_image of [
      new File([JPEG], 'selfie.gif'),
      new Blob([JPEG], { type: 'application/pdf' }),
      pdfBytes,
    ]) {
      const error = await client.faceMatch
        .compare({ user_image, ref_image: await toFile(JPEG, 'ref.jpg') })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/user_image/);
    }
    expect(standIn.requests).toHaveLength(0);
  });

  it('accepts a PDF where Didit does (proof of address), up to its limit (15 MB)', async () => {
    await client.poa.verify({ document: await toFile(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), 'bill.pdf') });
    const form = await receivedForm();
    expect((form.get('document') as File).name).toBe('bill.pdf');
  });

  it('refuses what is not a file at all, pointing at toFile()', async () => {
    const error = await client.faceMatch
      .compare({ user_image: 'not a file' as unknown as Blob, ref_image: JPEG })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/toFile/);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('a body Didit takes as JSON or multipart', () => {
  it('is JSON without a file, multipart with one', async () => {
    await client.customization.update({ color_primary: '#112233' });
    expect(standIn.requests[0]!.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(standIn.requests[0]!.body)).toEqual({ color_primary: '#112233' });
    standIn.reset();
    await client.customization.update({ image_square: await toFile(PNG, 'logo.png') });
    const form = await receivedForm();
    expect(await bytesOf(form.get('image_square') as File)).toEqual(PNG);
  });
});
