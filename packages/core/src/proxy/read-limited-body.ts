/** The request's body as text (see `readLimitedBytes`), or `undefined` when it is larger than `maxBytes`. */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string | undefined> {
  const bytes = await readLimitedBytes(request, maxBytes);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/**
 * The request's body, or `undefined` when it is larger than `maxBytes`: refused on its
 * `Content-Length` before a byte is read, else while streaming, cancelling the rest. A browser
 * can never make the server hold more than `maxBytes` of it. A body that breaks off is empty.
 */
export async function readLimitedBytes(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return new Uint8Array(0);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
