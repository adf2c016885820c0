import { InvalidArgumentError } from '../errors.ts';
import { JsonNumberText, type LosslessJson, MAX_JSON_DEPTH } from './lossless-json.ts';
import { pythonNumber, pythonNumberFromLexeme } from './python-json-number.ts';

// The writing side of Didit's canonical JSON: a payload written as Didit writes its raw webhook
// body (and the X-Signature-V2 form), for signing. The verifying side is canonical-scan.ts.
// Both forms below are Python's `json.dumps(value, sort_keys=True, separators=(",", ":"), ...)`
// with Didit's rule that a float with a whole value is written as an int:
//   - the wire form (Didit's raw body) with `ensure_ascii=True`: every character from U+007F up
//     is written as a `\uXXXX` escape (astral characters as a surrogate pair);
//   - the X-Signature-V2 form with `ensure_ascii=False`: such characters are written as they are.

/**
 * Serialises a webhook payload the way Didit writes its raw webhook body: canonical JSON with
 * sorted keys, compact separators and `\uXXXX` escapes for every non-ASCII character.
 * Numbers are printed as Python prints them (`1e-05`, never `0.00001`); a whole number is
 * printed as an int (JavaScript cannot tell `97.0` from `97`). `undefined` properties are left
 * out, as `JSON.stringify` does. Throws `InvalidArgumentError` for a value JSON cannot hold
 * (a cycle, NaN, a function at the top level).
 *
 * Use it to build test deliveries: `signWebhook({ body: serializeWebhookPayload(payload), secret })`.
 */
export function serializeWebhookPayload(payload: unknown): string {
  return writeCanonical(payload, true);
}

/** Writes a lossless tree or plain JavaScript JSON values canonically. */
export function writeCanonical(value: unknown, asciiOnly: boolean): string {
  const ancestors = new Set<object>();
  const parts: string[] = [];

  const write = (input: unknown, depth: number, inArray: boolean): boolean => {
    let node = input;
    if (typeof node === 'object' && node !== null && typeof (node as { toJSON?: unknown }).toJSON === 'function') {
      node = (node as { toJSON: () => unknown }).toJSON();
    }
    if (node === null) {
      parts.push('null');
      return true;
    }
    switch (typeof node) {
      case 'string':
        parts.push(quote(node, asciiOnly));
        return true;
      case 'boolean':
        parts.push(node ? 'true' : 'false');
        return true;
      case 'number':
        if (!Number.isFinite(node)) throw new InvalidArgumentError(`A webhook payload cannot hold ${node}`);
        parts.push(pythonNumber(node));
        return true;
      case 'bigint':
        parts.push(node.toString());
        return true;
      case 'undefined':
      case 'function':
      case 'symbol':
        // JSON.stringify's rule: left out of objects, null in arrays.
        if (inArray) parts.push('null');
        return inArray;
    }
    const object = node as object;
    if (object instanceof JsonNumberText) {
      parts.push(pythonNumberFromLexeme(object.text));
      return true;
    }
    if (depth > MAX_JSON_DEPTH) throw new InvalidArgumentError('A webhook payload is nested too deeply');
    if (ancestors.has(object)) throw new InvalidArgumentError('A webhook payload cannot contain a cycle');
    ancestors.add(object);
    if (Array.isArray(object)) {
      parts.push('[');
      object.forEach((item: unknown, i) => {
        if (i > 0) parts.push(',');
        write(item, depth + 1, true);
      });
      parts.push(']');
    } else {
      const entries: [string, unknown][] =
        object instanceof Map ? [...(object as Map<string, LosslessJson>)] : Object.entries(object);
      entries.sort(([a], [b]) => compareCodePoints(a, b));
      parts.push('{');
      let first = true;
      for (const [key, item] of entries) {
        const mark = parts.length;
        parts.push(first ? '' : ',', quote(key, asciiOnly), ':');
        if (write(item, depth + 1, false)) first = false;
        else parts.length = mark;
      }
      parts.push('}');
    }
    ancestors.delete(object);
    return true;
  };

  if (!write(value, 0, false)) throw new InvalidArgumentError(`A webhook payload cannot be ${typeof value}`);
  return parts.join('');
}

/** Python sorts keys by code point; JavaScript's default sort compares UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
// Control characters are what this pattern is for.
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above
const NEEDS_ESCAPE_UNICODE = /[\u0000-\u001f"\\]/;
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Python's `encode_basestring_ascii` (asciiOnly) or `encode_basestring`. */
export function quote(text: string, asciiOnly: boolean): string {
  if (asciiOnly ? PLAIN_ASCII.test(text) : !NEEDS_ESCAPE_UNICODE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const short = SHORT_ESCAPES[text[i]!];
    if (short !== undefined) out += short;
    else if (c < 0x20 || (asciiOnly && c >= 0x7f)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}
