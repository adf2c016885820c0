// A JSON reader that keeps each number's text. JavaScript's `JSON.parse` turns every number
// into a double, so an integer beyond 2^53 loses digits; Python's `json.loads` keeps ints exact
// and Didit's X-Signature-V2 is computed over Python's values. Reading the lexeme lets the
// canonical form print such an int exactly as Didit's server did.

/** A number as written in the JSON text. */
export class JsonNumberText {
  constructor(readonly text: string) {}
}

export type LosslessJson = null | boolean | string | JsonNumberText | LosslessJson[] | Map<string, LosslessJson>;

/** Python's json module gives up near this depth too (its recursion limit), so Didit cannot sign deeper. */
export const MAX_JSON_DEPTH = 1000;

export class LosslessJsonError extends Error {
  override readonly name = 'LosslessJsonError';
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses exactly what `JSON.parse` accepts (same grammar, last duplicate key wins), keeping
 * number lexemes. Throws `LosslessJsonError` on invalid input or nesting deeper than
 * {@link MAX_JSON_DEPTH}, never a RangeError from the stack.
 */
export function parseLosslessJson(text: string): LosslessJson {
  let pos = 0;

  const fail = (what: string): never => {
    throw new LosslessJsonError(`${what} at position ${pos}`);
  };

  const skipWhitespace = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else return;
    }
  };

  const readString = (): string => {
    const start = pos;
    pos++; // the opening quote
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c)) fail('Unterminated string');
      if (c === 0x22) break;
      if (c < 0x20) fail('Control character in string');
      if (c === 0x5c) {
        escaped = true;
        pos += 2;
      } else {
        pos++;
      }
    }
    pos++; // the closing quote
    const literal = text.slice(start, pos);
    if (!escaped) return literal.slice(1, -1);
    // The engine decodes (and validates) the escapes.
    try {
      return JSON.parse(literal) as string;
    } catch {
      return fail('Invalid escape in string');
    }
  };

  const readValue = (depth: number): LosslessJson => {
    if (depth > MAX_JSON_DEPTH) fail('Nesting too deep');
    skipWhitespace();
    const c = text.charCodeAt(pos);
    if (c === 0x22) return readString();
    if (c === 0x7b) {
      pos++;
      const object = new Map<string, LosslessJson>();
      skipWhitespace();
      if (text.charCodeAt(pos) === 0x7d) {
        pos++;
        return object;
      }
      for (;;) {
        skipWhitespace();
        if (text.charCodeAt(pos) !== 0x22) fail('Expected a key');
        const key = readString();
        skipWhitespace();
        if (text.charCodeAt(pos) !== 0x3a) fail('Expected ":"');
        pos++;
        // Deleting first keeps the position of the last occurrence, as JSON.parse does.
        const value = readValue(depth + 1);
        object.delete(key);
        object.set(key, value);
        skipWhitespace();
        const next = text.charCodeAt(pos++);
        if (next === 0x7d) return object;
        if (next !== 0x2c) fail('Expected "," or "}"');
      }
    }
    if (c === 0x5b) {
      pos++;
      const array: LosslessJson[] = [];
      skipWhitespace();
      if (text.charCodeAt(pos) === 0x5d) {
        pos++;
        return array;
      }
      for (;;) {
        array.push(readValue(depth + 1));
        skipWhitespace();
        const next = text.charCodeAt(pos++);
        if (next === 0x5d) return array;
        if (next !== 0x2c) fail('Expected "," or "]"');
      }
    }
    if (text.startsWith('true', pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith('false', pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return null;
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) return fail('Unexpected token');
    pos += match[0].length;
    return new JsonNumberText(match[0]);
  };

  const value = readValue(0);
  skipWhitespace();
  if (pos !== text.length) fail('Unexpected data after the JSON value');
  return value;
}
