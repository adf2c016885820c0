// pdf-lib's standard fonts only encode WinAnsi (Latin-1 plus a few symbols). Decisions hold
// names in any script (the seed has "Козлов Сергей Александрович"), so text is brought into
// WinAnsi before it is drawn: kept when encodable, transliterated when a table knows the
// letter, stripped of accents when that helps, and "?" as the last resort. Never a crash.

// biome-ignore format: a compact letter table
const CYRILLIC: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'Yo', Ж: 'Zh', З: 'Z', И: 'I', Й: 'Y', К: 'K',
  Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'Kh', Ц: 'Ts',
  Ч: 'Ch', Ш: 'Sh', Щ: 'Shch', Ъ: '', Ы: 'Y', Ь: '', Э: 'E', Ю: 'Yu', Я: 'Ya', Є: 'Ye', І: 'I',
  Ї: 'Yi', Ґ: 'G', Ў: 'U', Ј: 'J', Љ: 'Lj', Њ: 'Nj', Ћ: 'C', Ђ: 'Dj', Џ: 'Dz', Ѕ: 'Dz',
};

// biome-ignore format: a compact letter table
const GREEK: Record<string, string> = {
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'Th', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M',
  Ν: 'N', Ξ: 'X', Ο: 'O', Π: 'P', Ρ: 'R', Σ: 'S', ς: 's', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'Ch', Ψ: 'Ps', Ω: 'O',
};

// Latin letters without a decomposition to a WinAnsi base letter.
// biome-ignore format: a compact letter table
const LATIN: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŋ: 'Ng', ŋ: 'ng', Ŧ: 'T', ŧ: 't', ĸ: 'k',
  Ə: 'E', ə: 'e', Ø: 'O', ø: 'o', ẞ: 'SS', '\u2010': '-', '\u2011': '-', '\u2212': '-', '\u00a0': ' ',
};

const TABLE: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>();
  for (const source of [CYRILLIC, GREEK]) {
    for (const [upper, latin] of Object.entries(source)) {
      table.set(upper, latin);
      const lower = upper.toLowerCase();
      if (lower !== upper && !table.has(lower)) table.set(lower, latin.toLowerCase());
    }
  }
  for (const [letter, latin] of Object.entries(LATIN)) table.set(letter, latin);
  return table;
})();

/** Rewrites `text` so that every character is in `encodable` (a font's character set). */
export function toEncodable(text: string, encodable: ReadonlySet<number>): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      out += ' ';
    } else if (encodable.has(code)) {
      out += char;
    } else {
      out += replacement(char, encodable);
    }
  }
  return out;
}

function replacement(char: string, encodable: ReadonlySet<number>): string {
  const mapped = TABLE.get(char);
  if (mapped !== undefined && allEncodable(mapped, encodable)) return mapped;
  const stripped = char.normalize('NFD').replace(/\p{M}+/gu, '');
  if (stripped !== '' && stripped !== char && allEncodable(stripped, encodable)) return stripped;
  const mappedBase = TABLE.get(stripped);
  if (mappedBase !== undefined && allEncodable(mappedBase, encodable)) return mappedBase;
  return '?';
}

function allEncodable(text: string, encodable: ReadonlySet<number>): boolean {
  for (const char of text) if (!encodable.has(char.codePointAt(0)!)) return false;
  return true;
}
