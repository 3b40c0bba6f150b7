import { excelSerialToIso } from '../../shared/parse/date';
import { ELAPSED_TIME, literalFree } from '../../shared/parse/format-code';
import type { CellValue } from '../../shared/table/grid';

/**
 * Excel's answer for a cell (`values` plus `numberFormat`) as the grid the shared engine reads:
 * empty cells are null, date-formatted numbers become ISO dates (Excel's 1900 serial system),
 * percent cells stay fractions (3% is 0.03), text and errors ("#DIV/0!") stay text.
 */
export type FormatKind = 'date' | 'datetime' | 'percent' | 'other';

const kindCache = new Map<string, FormatKind>();

export function formatKind(code: string): FormatKind {
  let kind = kindCache.get(code);
  if (kind !== undefined) return kind;
  const section = code.split(';')[0] ?? '';
  const bare = literalFree(section);
  if (code === 'General' || code === '@' || ELAPSED_TIME.test(section.replace(/"[^"]*"/g, ''))) kind = 'other';
  else if (/[yd]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare))) kind = /[hs]/i.test(bare) ? 'datetime' : 'date';
  else if (/[hs]/i.test(bare)) kind = 'datetime';
  else if (bare.includes('%')) kind = 'percent';
  else kind = 'other';
  kindCache.set(code, kind);
  return kind;
}

/** 9999-12-31, Excel's last day. */
const MAX_SERIAL = 2_958_465;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A serial as 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm:ss' when it carries a time of day. */
export function serialToIso(serial: number, withTime: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return null;
  // Whole seconds: rounding absorbs the binary noise of serials such as 45366.354166666…
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const date = excelSerialToIso(days);
  if (!withTime || rest === 0) return date;
  return `${date}T${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
}

export function toCellValue(value: unknown, numberFormat: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const kind = typeof numberFormat === 'string' ? formatKind(numberFormat) : 'other';
    if (kind === 'date' || kind === 'datetime') return serialToIso(value, kind === 'datetime') ?? value;
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}
