import type { CellValue, SheetGrid } from '../table/grid';
import type { TableSpec } from '../table/columns';
import { formatPeriod, parsePeriod } from '../parse/period';
import { cellText } from '../table/locate';
import { matchKey } from '../text/normalize';
import type { KindDefinition } from './definition';
import { KIND_DEFINITIONS } from './definitions';
import { SHEET_KINDS, type SheetKind } from './sheet-kind';
import { columnHeader } from './table/field-names';

/** Every kind's columns, by kind: what a synced row's fields are named. */
export const KIND_SPECS: Readonly<Record<SheetKind, TableSpec<string>>> = mapKinds((d) => d.spec);

/** The fields that make a row's natural key, per kind (a duplicate key is an error). */
export const KEY_FIELDS: Readonly<Record<SheetKind, readonly string[]>> = mapKinds((d) => d.keyFields);

function mapKinds<T>(pick: (definition: KindDefinition) => T): Record<SheetKind, T> {
  return Object.fromEntries(SHEET_KINDS.map((kind) => [kind, pick(KIND_DEFINITIONS[kind])])) as Record<SheetKind, T>;
}

/**
 * A row's natural key as the service stores it and the add-in computes it: the key fields,
 * folded like the duplicate check folds them (script, case, spaces), periods in canonical form.
 * null when a key field is empty.
 */
export function naturalKey(kind: SheetKind, cells: Readonly<Record<string, CellValue>>): string | null {
  const parts: string[] = [];
  for (const field of KEY_FIELDS[kind]) {
    const part = keyPart(kind, field, cells[field]);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join(KEY_SEPARATOR);
}

const KEY_SEPARATOR = ' / ';

/** One key field's share of the key; null when the field is empty. */
function keyPart(kind: SheetKind, field: string, value: CellValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = cellText(value);
  if (text === '') return null;
  if (kind === 'metrics' && field === 'period') {
    const period = parsePeriod(value);
    return period.ok ? formatPeriod(period.value) : matchKey(text);
  }
  return matchKey(text);
}

/**
 * naturalKey for many rows of one kind (a push of 100k rows): each key field's distinct values
 * are folded once (a sheet repeats a few periods, departments and metric names thousands of
 * times). The memory lasts as long as the returned function; use one per request.
 */
export function naturalKeyer(kind: SheetKind): (cells: Readonly<Record<string, CellValue>>) => string | null {
  const fields = KEY_FIELDS[kind];
  const known = fields.map(() => new Map<CellValue, string | null>());
  // Joined, not concatenated: a key built with + is a rope that every later comparison (the
  // push sorts 100k of them) walks through the runtime; join makes one flat string.
  const parts = new Array<string>(fields.length);
  return (cells) => {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const value = cells[field];
      if (value === undefined || value === null) return null;
      // A Map holds 0 and -0 as one key; -0 (which the HTTP edge never lets through) is not remembered.
      const memory = known[i]!;
      let part = value === 0 && Object.is(value, -0) ? keyPart(kind, field, value) : memory.get(value);
      if (part === undefined) {
        part = keyPart(kind, field, value);
        memory.set(value, part);
      }
      if (part === null) return null;
      parts[i] = part;
    }
    return fields.length === 1 ? parts[0]! : parts.join(KEY_SEPARATOR);
  };
}

/**
 * Stored rows back into a grid with the kind's first header for each field, so that the same
 * shared analysis runs on synced data as on a workbook (one engine, nothing parsed twice).
 */
export function gridFromRows(name: string, kind: SheetKind, rows: readonly Readonly<Record<string, CellValue>>[]): SheetGrid {
  const spec = KIND_SPECS[kind];
  const fields = spec.map((c) => c.field);
  const header = spec.map((c) => c.headers[0]!);
  if (KIND_DEFINITIONS[kind].openColumns) {
    // A data table's other columns, in the order they first appear, under their own headers.
    const known = new Set(fields);
    for (const cells of rows) {
      for (const field in cells) {
        if (known.has(field)) continue;
        known.add(field);
        fields.push(field);
        header.push(columnHeader(field));
      }
    }
  }
  // One array for the header and the rows, filled in a plain loop: 100k synced rows are common.
  const grid = new Array<CellValue[]>(rows.length + 1);
  grid[0] = header;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]!;
    const row = new Array<CellValue>(fields.length);
    for (let c = 0; c < fields.length; c++) row[c] = cells[fields[c]!] ?? null;
    grid[r + 1] = row;
  }
  return { name, rows: grid };
}
