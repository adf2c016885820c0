import { compareCodePoints, quote } from './canonical-write.ts';
import { MAX_JSON_DEPTH } from './lossless-json.ts';
import { pythonNumberFromLexeme } from './python-json-number.ts';

// The verifying side of Didit's canonical JSON: one pass over a received body that writes its
// X-Signature-V2 form. The writing side (a payload to Didit's wire form) is canonical-write.ts.
// Both forms below are Python's `json.dumps(value, sort_keys=True, separators=(",", ":"), ...)`
// with Didit's rule that a float with a whole value is written as an int:
//   - the wire form (Didit's raw body) with `ensure_ascii=True`: every character from U+007F up
//     is written as a `\uXXXX` escape (astral characters as a surrogate pair);
//   - the X-Signature-V2 form with `ensure_ascii=False`: such characters are written as they are.

/**
 * The X-Signature-V2 canonical form of a JSON text: parsed (keeping number lexemes), whole floats
 * turned into ints, keys sorted, compact separators, non-ASCII characters unescaped.
 * Throws `CanonicalJsonError` when the text is not JSON or nests containers deeper than `maxDepth`.
 */
export function canonicalizeForSignatureV2(jsonText: string, maxDepth = MAX_JSON_DEPTH): string {
  return scanSignedJson(jsonText, maxDepth).canonical;
}

/** The top-level fields X-Signature-Simple covers, as their JSON text in the body (the last one wins). */
export interface SimpleFieldsText {
  timestamp?: string;
  session_id?: string;
  status?: string;
  webhook_type?: string;
}

export interface SignedJsonScan {
  /** The X-Signature-V2 canonical form. */
  canonical: string;
  /** The JSON text of the fields X-Signature-Simple covers; undefined when the body is not an object. */
  simpleFields: SimpleFieldsText | undefined;
}

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

const SIMPLE_KEYS: ReadonlySet<string> = new Set(['timestamp', 'session_id', 'status', 'webhook_type']);
// Only keys with a character from U+D800 up can sort differently by UTF-16 unit and by code point.
const HIGH_UNIT = /[\ud800-\uffff]/;

/**
 * Reads a JSON text once, left to right, and writes its X-Signature-V2 canonical form as it goes.
 * No tree is built, and text that is already canonical is not copied: a value whose canonical
 * form is its own text (no whitespace, no escape, keys already in order, numbers as Python
 * prints them) is handed up as "unchanged", and only the containers around a change are written
 * anew. It accepts exactly what `JSON.parse` accepts, keeps each number's lexeme (an int beyond
 * 2^53 keeps every digit, as Python's int does), and refuses more than `maxDepth` nested
 * containers as soon as it meets them, so the work is linear in the text and the recursion
 * bounded. It allocates little per value, so that a hostile megabyte costs milliseconds.
 *
 * On the way it notes the JSON text of the top-level fields X-Signature-Simple covers.
 * Throws `CanonicalJsonError` for a text that is not JSON or is nested too deeply.
 */
export function scanSignedJson(text: string, maxDepth: number): SignedJsonScan {
  let pos = 0;
  let simpleFields: SimpleFieldsText | undefined;
  // The members of the objects being read, on one stack shared by all of them: an object pushes
  // its members above those of the objects around it and pops them when it is done.
  const memberKeys: string[] = [];
  const memberValues: (string | undefined)[] = [];
  const memberStarts: number[] = [];
  const memberEnds: number[] = [];

  const fail = (what: string): never => {
    throw new CanonicalJsonError(`${what} at position ${pos}`);
  };

  /** Skips whitespace; says whether there was any (the text then differs from its canonical form). */
  const skipWhitespace = (): boolean => {
    const start = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return pos !== start;
    }
  };

  /** Moves `pos` past the string literal at `pos`; says whether it holds an escape. */
  const skipString = (): boolean => {
    pos++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        return escaped;
      }
      if (!(c >= 0x20)) fail(Number.isNaN(c) ? 'Unterminated string' : 'Control character in string');
      if (c === 0x5c) {
        escaped = true;
        pos += 2;
      } else {
        pos++;
      }
    }
  };

  /** The value of a string literal with escapes, decoded (and validated) by the engine. */
  const decode = (literal: string): string => {
    try {
      return JSON.parse(literal) as string;
    } catch {
      return fail('Invalid escape in string');
    }
  };

  // Each reader below starts at the first character of its value and returns the value's canonical
  // text, or `undefined` when that is exactly the text it read (`text.slice(start, pos)`).

  const value = (depth: number): string | undefined => {
    const c = text.charCodeAt(pos);
    if (c === 0x22) {
      const start = pos;
      // Without an escape the literal holds no quote, backslash or control character: it is canonical.
      return skipString() ? quote(decode(text.slice(start, pos)), false) : undefined;
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth >= maxDepth) fail(`Nesting deeper than ${maxDepth}`);
      return c === 0x7b ? object(depth + 1) : array(depth + 1);
    }
    if (c === 0x74 && text.startsWith('true', pos)) pos += 4;
    else if (c === 0x66 && text.startsWith('false', pos)) pos += 5;
    else if (c === 0x6e && text.startsWith('null', pos)) pos += 4;
    else return number();
    return undefined;
  };

  /** A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as JSON has it. */
  const number = (): string | undefined => {
    const start = pos;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const first = text.charCodeAt(pos);
    if (first === 0x30) pos++;
    else if (first >= 0x31 && first <= 0x39) skipDigits();
    else fail('Unexpected token');
    let plainInt = true;
    if (text.charCodeAt(pos) === 0x2e) {
      pos++;
      if (!skipDigits()) fail('Expected a digit');
      plainInt = false;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      if (!skipDigits()) fail('Expected a digit');
      plainInt = false;
    }
    // An int is written as it is (any number of digits: Python's int keeps them all), except -0.
    if (plainInt && !(first === 0x30 && pos - start === 2)) return undefined;
    const lexeme = text.slice(start, pos);
    if (isShortDecimal(lexeme)) return undefined;
    const canonical = pythonNumberFromLexeme(lexeme);
    return canonical === lexeme ? undefined : canonical;
  };

  const skipDigits = (): boolean => {
    const start = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c >= 0x30 && c <= 0x39) pos++;
      else return pos !== start;
    }
  };

  const array = (depth: number): string | undefined => {
    const start = pos++;
    // The canonical text so far, once it differs from the text read; undefined while it does not.
    let out: string | undefined = skipWhitespace() ? '[' : undefined;
    if (text.charCodeAt(pos) === 0x5d) {
      pos++;
      return out === undefined ? undefined : '[]';
    }
    for (;;) {
      const itemStart = pos;
      const item = value(depth);
      if (out !== undefined) out += item ?? text.slice(itemStart, pos);
      else if (item !== undefined) out = text.slice(start, itemStart) + item;
      // Until `out` is set, everything read so far is canonical: whitespace is the first change.
      const itemEnd = pos;
      if (skipWhitespace() && out === undefined) out = text.slice(start, itemEnd);
      const next = text.charCodeAt(pos++);
      if (next === 0x5d) return out === undefined ? undefined : `${out}]`;
      if (next !== 0x2c) fail('Expected "," or "]"');
      if (out !== undefined) out += ',';
      const afterComma = pos;
      if (skipWhitespace() && out === undefined) out = text.slice(start, afterComma);
    }
  };

  const object = (depth: number): string | undefined => {
    pos++;
    let unchanged = !skipWhitespace();
    const base = memberKeys.length;
    const top = depth === 1;
    if (text.charCodeAt(pos) !== 0x7d) {
      let highUnit = false;
      let previous: string | undefined;
      for (;;) {
        if (text.charCodeAt(pos) !== 0x22) fail('Expected a key');
        const keyStart = pos;
        const escaped = skipString();
        const key = escaped ? decode(text.slice(keyStart, pos)) : text.slice(keyStart + 1, pos - 1);
        if (escaped) unchanged = false;
        if (!highUnit && HIGH_UNIT.test(key)) highUnit = true;
        // Keys already in Python's order (strictly: a repeated key is a change) keep the text as it is.
        if (unchanged && previous !== undefined) {
          if (!(highUnit ? compareCodePoints(previous, key) < 0 : previous < key)) unchanged = false;
        }
        previous = key;
        if (skipWhitespace()) unchanged = false;
        if (text.charCodeAt(pos) !== 0x3a) fail('Expected ":"');
        pos++;
        if (skipWhitespace()) unchanged = false;
        const valueStart = pos;
        const canonical = value(depth);
        if (canonical !== undefined) unchanged = false;
        memberKeys.push(key);
        memberValues.push(canonical);
        memberStarts.push(valueStart);
        memberEnds.push(pos);
        if (skipWhitespace()) unchanged = false;
        const next = text.charCodeAt(pos++);
        if (next === 0x7d) break;
        if (next !== 0x2c) fail('Expected "," or "}"');
        if (skipWhitespace()) unchanged = false;
      }
      sortByCodePoint = highUnit;
    } else {
      pos++;
    }
    if (top) simpleFields = simpleFieldsOf(base);
    const out = unchanged ? undefined : writeMembers(base);
    memberKeys.length = memberValues.length = memberStarts.length = memberEnds.length = base;
    return out;
  };

  // How `before` compares keys: by code point when one of the object's keys has a unit from U+D800
  // up, otherwise by UTF-16 unit (`<`, faster, and the same order for such keys).
  let sortByCodePoint = false;
  /** Python's key order for two members; a repeated key's last occurrence comes last. */
  const before = (a: number, b: number): number => {
    const x = memberKeys[a]!;
    const y = memberKeys[b]!;
    if (x === y) return a - b;
    if (sortByCodePoint) return compareCodePoints(x, y);
    return x < y ? -1 : 1;
  };

  /** The canonical text of the members from `base` up: sorted by key; of a repeated key, the last value. */
  const writeMembers = (base: number): string => {
    const end = memberKeys.length;
    const order: number[] = [];
    for (let i = base; i < end; i++) order.push(i);
    if (order.length > 16) order.sort(before);
    else {
      // Insertion sort: most objects are small, and this spares the engine's sort its set-up.
      for (let i = 1; i < order.length; i++) {
        const item = order[i]!;
        let j = i - 1;
        for (; j >= 0 && before(order[j]!, item) > 0; j--) order[j + 1] = order[j]!;
        order[j + 1] = item;
      }
    }
    let out = '{';
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const key = memberKeys[i]!;
      if (k + 1 < order.length && memberKeys[order[k + 1]!] === key) continue;
      if (out.length > 1) out += ',';
      out += quote(key, false);
      out += ':';
      out += memberValues[i] ?? text.slice(memberStarts[i]!, memberEnds[i]!);
    }
    return `${out}}`;
  };

  /** The text of the top-level fields X-Signature-Simple covers; the last of a repeated key. */
  const simpleFieldsOf = (base: number): SimpleFieldsText => {
    const fields: SimpleFieldsText = {};
    // The members are in text order here, so a repeated key's last value is written last.
    for (let i = base; i < memberKeys.length; i++) {
      const key = memberKeys[i]!;
      if (SIMPLE_KEYS.has(key)) fields[key as keyof SimpleFieldsText] = text.slice(memberStarts[i]!, memberEnds[i]!);
    }
    return fields;
  };

  const leading = skipWhitespace();
  const start = pos;
  const root = value(0);
  const end = pos;
  const trailing = skipWhitespace();
  if (pos !== text.length) fail('Unexpected data after the JSON value');
  const canonical = root ?? (leading || trailing ? text.slice(start, end) : text);
  return { canonical, simpleFields };
}

/**
 * True for a decimal lexeme Python's `repr` writes unchanged: fixed notation, at most 15
 * significant digits (so no shorter decimal reads as the same double), no trailing zero, and
 * at least 1e-4 in magnitude (Python writes smaller values as `1e-05`). A fast path only: other
 * lexemes go through `pythonNumberFromLexeme`.
 */
function isShortDecimal(lexeme: string): boolean {
  let i = lexeme.charCodeAt(0) === 0x2d ? 1 : 0;
  let digits = 0;
  let leadingZeros = 0;
  let seenPoint = false;
  let significant = false;
  for (; i < lexeme.length; i++) {
    const c = lexeme.charCodeAt(i);
    if (c === 0x2e) {
      seenPoint = true;
      continue;
    }
    if (c < 0x30 || c > 0x39) return false; // an exponent
    if (c !== 0x30) significant = true;
    if (significant) digits++;
    else if (seenPoint) leadingZeros++;
  }
  return seenPoint && significant && digits <= 15 && leadingZeros < 4 && lexeme.charCodeAt(lexeme.length - 1) !== 0x30;
}
