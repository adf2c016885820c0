import type { SimpleFieldsText } from './canonical-scan.ts';

const SIMPLE_KEYS: ReadonlySet<string> = new Set(['timestamp', 'session_id', 'status', 'webhook_type']);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const decoder = new TextDecoder();

/**
 * The JSON text of the top-level fields X-Signature-Simple covers, found in one pass over the raw
 * UTF-8 bytes that only tells strings from structure: nothing is decoded, parsed or copied but
 * those four fields (every byte of a multi-byte character is 0x80 or above, so it is never taken
 * for a quote or a bracket), and a body nested deeper than `maxDepth` is given up as soon as it
 * gets there. So checking X-Signature-Simple of a forged megabyte costs a fraction of a
 * `JSON.parse` of it. (A body it reads is not proven to be JSON: that is checked once a signature
 * vouches for it.)
 *
 * Undefined when the body is not an object, is nested too deeply, or is cut short. A key written
 * with escapes is decoded; a repeated key's last value wins, as in Python's `json.loads`.
 */
export function scanSimpleFields(bytes: Uint8Array, maxDepth: number): SimpleFieldsText | undefined {
  let pos = skipWhitespace(bytes, 0);
  if (bytes[pos] !== 0x7b) return undefined;
  pos++;
  const fields: Record<string, string> = {};
  let depth = 1;
  /** At depth 1, what the next string literal is: a key (after `{` or `,`) or a value (after `:`). */
  let expectKey = true;
  let key: string | undefined;
  const length = bytes.length;
  while (pos < length) {
    const c = bytes[pos]!;
    if (c === QUOTE) {
      const end = stringEnd(bytes, pos);
      if (end < 0) return undefined;
      // Only top-level keys and the four fields' values are decoded: a long string anywhere else is skipped.
      if (depth === 1 && (expectKey || (key !== undefined && SIMPLE_KEYS.has(key)))) {
        const literal = decoder.decode(bytes.subarray(pos, end));
        if (expectKey) key = literal.includes('\\') ? decodeKey(literal) : literal.slice(1, -1);
        else fields[key!] = literal;
      }
      pos = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth === 1 && key !== undefined && SIMPLE_KEYS.has(key)) fields[key] = String.fromCharCode(c);
      if (++depth > maxDepth) return undefined;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return fields as SimpleFieldsText;
    } else if (depth === 1) {
      if (c === 0x2c) expectKey = true;
      else if (c === 0x3a) expectKey = false;
      else if (!isWhitespace(c)) {
        // A number, true, false or null: its text runs to the next delimiter.
        let end = pos + 1;
        while (end < length && !isDelimiter(bytes[end]!)) end++;
        if (key !== undefined && SIMPLE_KEYS.has(key)) fields[key] = decoder.decode(bytes.subarray(pos, end));
        pos = end;
        continue;
      }
    }
    pos++;
  }
  return undefined;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(bytes: Uint8Array, pos: number): number {
  while (isWhitespace(bytes[pos] ?? 0)) pos++;
  return pos;
}

/** The position just past the string literal that starts at `pos`, or -1 when it is not closed. */
function stringEnd(bytes: Uint8Array, pos: number): number {
  for (let at = pos + 1; ; ) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    // A quote ends the literal unless an odd number of backslashes stands before it.
    let slashes = 0;
    while (bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || isWhitespace(c);
}

function decodeKey(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}
