// Didit signs with Python's `json.dumps`, so a number must be printed as Python prints it,
// not as JavaScript does. The two agree on the digits (both print the shortest string that
// reads back to the same double) but not on the layout:
//   - a float below 1e-4 in magnitude: Python `1e-05`, `1.5e-07`; JavaScript `0.00001`, `1.5e-7`.
//   - a whole value of 1e21 or more: Python prints every digit of the int; JavaScript `1e+21`.
//   - a float that overflows (`1e400` in the text): Python reads `inf` and writes `Infinity`.
// Non-whole floats of 1e16 or more cannot exist (every double that large is whole), so
// Python's `1e+16` style only ever shows for whole values, which the rules below turn into ints.

const INTEGER_LEXEME = /^-?(?:0|[1-9]\d*)$/;

/**
 * A JSON number as Python's `json.dumps` prints it after Didit's canonicalisation (a float with
 * a whole value becomes an int). `lexeme` is the number's text in the body, so an integer keeps
 * every digit, as Python's arbitrary-precision int does.
 */
export function pythonNumberFromLexeme(lexeme: string): string {
  if (INTEGER_LEXEME.test(lexeme)) return lexeme === '-0' ? '0' : lexeme;
  return pythonNumber(Number(lexeme));
}

/** A JavaScript number as Python prints it, treating a whole value as an int (`97.0` → `97`). */
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  // Exact digits for any whole double, including -0 (→ 0) and 1e21 and beyond.
  if (Number.isInteger(value)) return BigInt(value).toString();
  return pythonFloatRepr(value);
}

/**
 * Python's `str()` of the value `json.loads` reads from a number lexeme, as X-Signature-Simple
 * writes the body's `timestamp`: an int keeps its digits; a float is `repr(float)`, so a whole
 * float keeps its `.0` (`1735689600.0`) and an overflowing one is `inf`.
 */
export function pythonStrFromLexeme(lexeme: string): string {
  if (INTEGER_LEXEME.test(lexeme)) return lexeme === '-0' ? '0' : lexeme;
  const value = Number(lexeme);
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Object.is(value, -0)) return '-0.0';
  // Below 1e16 Python writes a whole float in fixed notation with `.0`; from 1e16 on, `1e+16`.
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return pythonFloatRepr(value);
}

/** Python's `repr(float)` for a finite value that is not a whole float below 1e16. */
function pythonFloatRepr(value: number): string {
  // Both print the shortest round-trip digits in fixed notation for 1e-4 <= |value| < 1e16.
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) return String(value);
  // `toExponential()` with no argument gives the shortest round-trip digits, like `repr`.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // Python switches to scientific notation when the exponent is below -4 or 16 and above;
  // in between both languages print the same fixed notation.
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
