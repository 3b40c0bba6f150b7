/**
 * Values shaped like personal identifiers, whatever their field is called: mainland mobile
 * numbers, ID-card numbers (18 characters, and the old 15 digits), bank-card numbers (16-19
 * digits, grouped or not) and e-mail addresses. A masked caller never receives one in clear:
 * each occurrence inside a text is replaced by its pseudonym, the rest of the text kept.
 *
 * Pure: the caller supplies the replacement (a keyed HMAC on the server). Digits are matched
 * after folding full-width forms (１３８…), so a value typed with an IME is caught too.
 */
export type IdentifierShape = 'mobile' | 'id-card' | 'bank-card' | 'email';

// Each alternative is bounded on both sides by something that is not part of a longer number
// or address, so 2024-03 or a 10-digit order number is never taken for one.
const SHAPES: readonly (readonly [IdentifierShape, string])[] = [
  ['email', String.raw`[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}`],
  ['id-card', String.raw`(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])`],
  ['bank-card', String.raw`(?<!\d)\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?!\d)|(?<!\d)\d{16,19}(?!\d)`],
  ['mobile', String.raw`(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)`],
];

const PATTERN = new RegExp(SHAPES.map(([, source]) => `(${source})`).join('|'), 'g');
/** A cheap first look: no run of 11 digits (allowing separators) and no @, no identifier. */
const MAYBE = /@|\d[\d -]{9,}\d/;
const WIDE = /[\uff10-\uff19\uff20\uff0b\uff0d\u3000]/;

function foldWidth(text: string): string {
  return WIDE.test(text) ? text.normalize('NFKC') : text;
}

/** The canonical form an identifier is pseudonymised from: digits (and X) only, or the lower-cased address. */
export function identifierCore(match: string, shape: IdentifierShape): string {
  if (shape === 'email') return match.toLowerCase();
  const digits = match.replace(/[^0-9Xx]/g, '').toUpperCase();
  // +86 / 86 in front of a mobile number is the same number.
  return shape === 'mobile' && digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** Whether a text holds any identifier-shaped value. */
export function hasIdentifierShape(text: string): boolean {
  const t = foldWidth(text);
  if (!MAYBE.test(t)) return false;
  PATTERN.lastIndex = 0;
  return PATTERN.test(t);
}

/**
 * The text with every identifier-shaped value replaced by `replace(core, shape)`. Text without
 * one comes back as the same string.
 */
export function replaceIdentifierShapes(text: string, replace: (core: string, shape: IdentifierShape) => string): string {
  const t = foldWidth(text);
  if (!MAYBE.test(t)) return text;
  let changed = false;
  const out = t.replace(PATTERN, (match: string, ...groups: unknown[]) => {
    const index = groups.slice(0, SHAPES.length).findIndex((g) => g !== undefined);
    const shape = SHAPES[index]![0];
    changed = true;
    return replace(identifierCore(match, shape), shape);
  });
  return changed ? out : text;
}

/** A number that is an identifier in disguise (a phone or card number typed as a number). */
export function isIdentifierNumber(value: number): boolean {
  if (!Number.isInteger(value) || value < 1e10) return false;
  return hasIdentifierShape(String(value));
}
