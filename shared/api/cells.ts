import { z } from 'zod';

/** Longest text Excel keeps in a cell. */
export const MAX_CELL_TEXT = 32_767;

/** Text that XML and every client can carry: no lone surrogates, no control characters but tab and line breaks. */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

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

/** Field names are the sheet kind's (name, target, weight…): short identifiers, never `__proto__`. */
export const FieldNameSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, { message: 'a field name is a short identifier' })
  .refine((f) => !['__proto__', 'constructor', 'prototype'].includes(f), { message: 'reserved name' });

export const CellsSchema = z.record(FieldNameSchema, CellValueSchema);
