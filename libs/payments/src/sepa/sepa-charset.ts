/**
 * The character set of SEPA payment files, and the transliteration of free text into it.
 *
 * What the rules say (EPC Implementation Guidelines for SCT, § 1.4; DFÜ-Abkommen Anlage 3,
 * chapter 2.1 "Zeichensatz"):
 * - Every bank must support the "Latin character set": a–z A–Z 0–9 / - ? : ( ) . , ' + and the
 *   space. The DK adopted exactly this set. UTF-8 encoding, no byte order mark.
 * - For the extra characters of the old DTAUS format (Ä Ö Ü ä ö ü ß, & and a few symbols such
 *   as *), German banks have committed to *accept* them, but they *may convert* them on the way
 *   (EPC best practice: ä → a, or alternatively ä → ae; ß → s or ss; & → +), and a bank may
 *   replace any other character by a space or something similar, or reject the whole file.
 *
 * So the umlauts would be taken by the Kreis's own bank, but what reaches the Träger's statement
 * is up to the banks in between ("Pleißenland" may arrive as "Pleissenland", "Pleisenland" or
 * "Plei enland"). We transliterate ourselves, to the DK's "alternatively allowed" spelling
 * (ä → ae, ö → oe, ü → ue, ß → ss, & → +), so the text in the file is exactly the text the
 * Träger sees, and the caller learns every change (see `SepaTextResult.replacements`).
 *
 * Identifiers (message id, end-to-end id) are never transliterated: they must already consist of
 * the Latin set (`sepaIdentifierProblem`), because the caller matches them against bank reports.
 */

/** The SEPA Latin character set, as the body of a regex character class. */
const LATIN_SET = "A-Za-z0-9/\\-?:().,'+ ";
const LATIN_CHAR = new RegExp(`^[${LATIN_SET}]$`);
const LATIN_TEXT = new RegExp(`^[${LATIN_SET}]*$`);

/** True when every character of `text` is in the SEPA Latin character set. */
export function isSepaText(text: string): boolean {
  return LATIN_TEXT.test(text);
}

/**
 * Why an identifier (message id, end-to-end id) is not usable, or null when it is. German, for a
 * field error; `label` names the field ("Die Nachrichten-ID").
 */
export function sepaIdentifierProblem(id: string, maxLength: number, label = 'Die Kennung'): string | null {
  if (id.length === 0) return `${label} darf nicht leer sein.`;
  if (id.length > maxLength) return `${label} darf höchstens ${maxLength} Zeichen lang sein (hat ${id.length}).`;
  if (!isSepaText(id)) {
    return `${label} darf nur Buchstaben A–Z und a–z (ohne Umlaute), Ziffern, Leerzeichen und / - ? : ( ) . , ' + enthalten.`;
  }
  if (id !== id.trim()) return `${label} darf nicht mit einem Leerzeichen beginnen oder enden.`;
  // EPC IG: references and identifiers must not start or end with "/" and not contain "//".
  if (id.startsWith('/') || id.endsWith('/') || id.includes('//')) {
    return `${label} darf nicht mit "/" beginnen oder enden und kein "//" enthalten.`;
  }
  return null;
}

export interface SepaReplacement {
  /** The original character ("ü", "&", or "U+00AD" for an invisible one). */
  from: string;
  /** What it became ("ue", "+", "" when removed, " " when replaced by a space). */
  to: string;
}

export interface SepaTextResult {
  /** The text as it goes into the file: Latin set only, single spaces, trimmed, ≤ maxLength. */
  value: string;
  /** Each distinct character that was replaced, in order of first occurrence. */
  replacements: SepaReplacement[];
  /** True when the text was longer than maxLength after transliteration and was cut. */
  truncated: boolean;
}

/** Umlaut-like letters: base spelling; the "e" follows the case of the word (Ü → Ue / UE). */
const UMLAUT_LIKE: Record<string, string> = {
  Ä: 'A',
  Ö: 'O',
  Ü: 'U',
  Æ: 'A',
  Ø: 'O',
  Œ: 'O',
};
const UMLAUT_LIKE_LOWER: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  æ: 'ae',
  ø: 'oe',
  œ: 'oe',
};

/** Letters that Unicode decomposition does not reduce to a Latin base letter, and punctuation. */
const FIXED: Record<string, string> = {
  ẞ: 'SS',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
  Ŧ: 'T',
  ŧ: 't',
  // DK/EPC best practice for the ampersand.
  '&': '+',
  // Quotation marks and accents become the apostrophe, the one quote the set has.
  '"': "'",
  '„': "'",
  '“': "'",
  '”': "'",
  '‟': "'",
  '«': "'",
  '»': "'",
  '‹': "'",
  '›': "'",
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '`': "'",
  '´': "'",
  // Dashes and lookalikes.
  '–': '-',
  '—': '-',
  '―': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '−': '-',
  _: '-',
  '~': '-',
  '•': '-',
  // Brackets and separators.
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '<': '(',
  '>': ')',
  '\\': '/',
  '|': '/',
  // "Berater*innen" → "Berater/innen".
  '*': '/',
  ';': ',',
  '!': '.',
  '·': '.',
  '…': '...',
  '×': 'x',
  // Words for symbols.
  '#': 'Nr.',
  '%': ' Prozent',
  '€': 'EUR',
  $: 'USD',
  '@': '(at)',
  '§': 'Par.',
};

const LETTER = /\p{L}/u;
const WHITESPACE = /\s/u;
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const COMBINING_MARK = /\p{M}/gu;

function hasCase(c: string): boolean {
  return c !== 'ß' && c !== 'ẞ' && LETTER.test(c) && c.toLowerCase() !== c.toUpperCase();
}

function isUpper(c: string): boolean {
  return c === c.toUpperCase() && c !== c.toLowerCase();
}

/**
 * Whether the letter at `i` stands in an all-caps word: decided by the next cased letter of the
 * same word, else by the previous one ("MÜLLER" → "MUELLER", "Müller" → "Mueller",
 * "STRAßE" → "STRASSE", a lone "Ä" → "Ae").
 */
function inUpperCaseWord(chars: readonly string[], i: number): boolean {
  for (let j = i + 1; j < chars.length && LETTER.test(chars[j]); j++) {
    if (hasCase(chars[j])) return isUpper(chars[j]);
  }
  for (let j = i - 1; j >= 0 && LETTER.test(chars[j]); j--) {
    if (hasCase(chars[j])) return isUpper(chars[j]);
  }
  return false;
}

function replacementFor(chars: readonly string[], i: number): string {
  const c = chars[i];
  const upperBase = UMLAUT_LIKE[c];
  if (upperBase !== undefined) return upperBase + (inUpperCaseWord(chars, i) ? 'E' : 'e');
  const lower = UMLAUT_LIKE_LOWER[c];
  if (lower !== undefined) return lower;
  if (c === 'ß') return inUpperCaseWord(chars, i) ? 'SS' : 'ss';
  const fixed = FIXED[c];
  if (fixed !== undefined) return fixed;
  if (INVISIBLE.test(c)) return '';
  // é → e, Å → A, ñ → n, ﬁ → fi, ² → 2: compatibility decomposition without the accents.
  const decomposed = c.normalize('NFKD').replace(COMBINING_MARK, '');
  if (decomposed.length > 0 && isSepaText(decomposed)) return decomposed;
  // Anything else (other scripts, emoji, symbols) becomes a space, as a bank would do it.
  return ' ';
}

function describe(c: string): string {
  return INVISIBLE.test(c) ? `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : c;
}

/**
 * Free text (a name, the remittance information) in the SEPA Latin set: characters outside it
 * transliterated, whitespace runs collapsed to one space, trimmed, and cut to `maxLength` when
 * still longer. Nothing changes silently: every replaced character is listed in `replacements`,
 * a cut sets `truncated`. Whitespace normalisation (tabs, line breaks, double spaces, edges) is
 * not reported: it carries no meaning in a single-line bank field.
 */
export function toSepaText(input: string, maxLength: number): SepaTextResult {
  // NFC first, so "u" + combining diaeresis is treated like "ü"; "§§ 48" reads "Par. 48".
  const chars = Array.from(input.normalize('NFC').replace(/§+/g, '§'));
  const replacements = new Map<string, SepaReplacement>();
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (LATIN_CHAR.test(c)) {
      out += c;
    } else if (WHITESPACE.test(c)) {
      out += ' ';
    } else {
      const to = replacementFor(chars, i);
      const from = describe(c);
      const key = `${from}\u0000${to}`;
      if (!replacements.has(key)) replacements.set(key, { from, to });
      out += to;
    }
  }
  // Only Latin-set (ASCII) characters are left, so string length is the character count.
  let value = out.replace(/ {2,}/g, ' ').trim();
  const truncated = value.length > maxLength;
  if (truncated) value = value.slice(0, maxLength).trimEnd();
  return { value, replacements: [...replacements.values()], truncated };
}
