import { z } from 'zod';
import type { CellValue } from '../table/grid';

/** Longest text Excel keeps in a cell. */
export const MAX_CELL_TEXT = 32_767;

/** Text that XML and every client can carry: no lone surrogates, no control characters but tab and line breaks. */
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * UNSAFE_TEXT's test as one forward scan (what the fast path of a push body runs on every text
 * cell; a property test holds the two equal).
 */
export function isSafeText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    } else if (c >= 0xd800) {
      if (c <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
        i++;
      } else if (c <= 0xdfff || c >= 0xfffe) {
        // A low surrogate here has no high one before it (a pair was stepped over whole).
        return false;
      }
    }
  }
  return true;
}

/** The regular expression the schema states, for the property test of isSafeText. */
export function matchesUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/**
 * A cell value on the wire: what `SheetGrid` holds. Objects, arrays, NaN and ±Infinity are
 * refused here, at the edge, so nothing downstream has to wonder.
 */
export const CellValueSchema = z.union([
  z.string().max(MAX_CELL_TEXT).refine((s) => !UNSAFE_TEXT.test(s), { message: 'text holds a control character or a lone surrogate' }),
  z.number().refine((n) => Number.isFinite(n), { message: 'numbers must be finite' }).transform((n) => (Object.is(n, -0) ? 0 : n)),
  z.boolean(),
  z.null(),
]);

const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Field names are the sheet kind's (name, target, weight…): short identifiers, never `__proto__`. */
export const FieldNameSchema = z
  .string()
  .regex(FIELD_NAME, { message: 'a field name is a short identifier' })
  .refine((f) => !RESERVED_NAMES.includes(f), { message: 'reserved name' });

/**
 * Cells by field name. zod's record skips an own `__proto__` key without a word (it never
 * reaches FieldNameSchema), so it is refused here first, as `constructor` is: an invalid key
 * at its own path.
 */
export const CellsSchema = z.preprocess((input, ctx) => {
  if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
    ctx.issues.push({ code: 'invalid_key', origin: 'record', issues: [], input: '__proto__', path: ['__proto__'], message: 'Invalid key in record' });
  }
  return input;
}, z.record(FieldNameSchema, CellValueSchema));

// ---------------------------------------------------------------------------------------------
// The fast path: the same decisions as CellsSchema in one tight loop, for 100k-row pushes.

/** Field names seen valid; a sheet has a few dozen, so a small set answers almost every check. */
const knownFieldNames = new Set<string>();
const KNOWN_FIELD_NAMES_LIMIT = 4096;

function isFieldName(name: string): boolean {
  if (knownFieldNames.has(name)) return true;
  if (!FIELD_NAME.test(name) || RESERVED_NAMES.includes(name)) return false;
  if (knownFieldNames.size < KNOWN_FIELD_NAMES_LIMIT) knownFieldNames.add(name);
  return true;
}

/** What the record schema requires of its input before looking at keys (zod's isPlainObject, narrowed). */
export function isPlainRecord(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

/**
 * CellsSchema's output for an input it accepts, equal to what zod builds (own enumerable keys
 * in order, -0 as 0); undefined when anything is unusual or invalid, and the caller then lets
 * the schema itself decide and report. Never accepts what the schema refuses (a property test
 * compares the two).
 *
 * An ordinary object (what JSON.parse makes) that needs no change is answered as itself, once
 * every key and value has been checked: a 100k-row push then allocates no second copy of its
 * rows (JSON cannot make the non-enumerable properties a copy would drop). Anything else is
 * copied into a fresh object.
 */
export function fastCells(input: unknown): Record<string, CellValue> | undefined {
  if (!isPlainRecord(input)) return undefined;
  const verdict = checkCells(input);
  if (verdict === 'invalid') return undefined;
  if (verdict === 'as-is') return input as Record<string, CellValue>;
  const out: Record<string, CellValue> = {};
  for (const name in input) {
    if (!Object.hasOwn(input, name)) continue;
    const value = input[name] as CellValue;
    out[name] = value === 0 ? 0 : value;
  }
  return out;
}

/**
 * Every own enumerable key a field name and every value a CellValue ('invalid' otherwise);
 * 'as-is' when the object is also ordinary and holds no -0 and no inherited enumerable key.
 */
function checkCells(input: Record<string, unknown>): 'invalid' | 'as-is' | 'copy' {
  let asIs = Object.getPrototypeOf(input) === Object.prototype;
  for (const name in input) {
    // for…in also walks inherited enumerable keys, which the record ignores.
    if (!Object.hasOwn(input, name)) {
      asIs = false;
      continue;
    }
    // `__proto__` and `constructor` fail here (and a `constructor` key is what would make the
    // prototype check above unreliable).
    if (!isFieldName(name)) return 'invalid';
    const value = input[name];
    switch (typeof value) {
      case 'string':
        if (value.length > MAX_CELL_TEXT || !isSafeText(value)) return 'invalid';
        break;
      case 'number':
        if (!Number.isFinite(value)) return 'invalid';
        if (value === 0 && Object.is(value, -0)) asIs = false;
        break;
      case 'boolean':
        break;
      default:
        if (value !== null) return 'invalid';
    }
  }
  // Symbol keys: the record refuses them; JSON never has any.
  if (Object.getOwnPropertySymbols(input).length > 0) return 'invalid';
  return asIs ? 'as-is' : 'copy';
}
