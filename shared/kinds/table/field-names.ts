/**
 * A data table's columns travel under field names, and field names are short identifiers
 * (shared/api/cells.ts: a letter, then letters, digits and _; at most 64). A header that is
 * one (order_id, total_amount) is its own field name; any other (订单号, "paid amount") is
 * spelled out as `x_` and four hex digits per UTF-16 code unit, which reads back exactly.
 * A header longer than 15 code units that is no identifier has no field name: it is not synced.
 */
const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const ENCODED = /^x_(?:[0-9a-f]{4}){1,15}$/;
const RESERVED = new Set(['key', 'constructor', 'prototype']);

export function columnField(header: string): string | null {
  // Trimmed, not folded: the header comes back exactly as written (it is matched folded anyway).
  const text = header.trim();
  if (text === '') return null;
  if (IDENTIFIER.test(text) && !RESERVED.has(text) && !text.startsWith('x_')) return text;
  if (text.length > 15) return null;
  let out = 'x_';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** The header a field name stands for (the field name itself when it spells nothing out). */
export function columnHeader(field: string): string {
  if (!ENCODED.test(field)) return field;
  let out = '';
  for (let i = 2; i < field.length; i += 4) out += String.fromCharCode(parseInt(field.slice(i, i + 4), 16));
  return out;
}
