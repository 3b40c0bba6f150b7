/**
 * Excel date serials → ISO text. In the 1900 system day 1 is 1900-01-01 and Excel keeps
 * Lotus 1-2-3's phantom 1900-02-29 as day 60, so days before it count from 1899-12-31 and the
 * rest from 1899-12-30 (day 60 itself comes out as 1900-03-01). In the 1904 system (old Mac
 * workbooks) day 0 is 1904-01-01.
 */
const DAY_MS = 86_400_000;
const EPOCH_1900_EARLY = Date.UTC(1899, 11, 31);
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31 in the 1900 system: Excel's last day. */
const MAX_SERIAL = 2_958_465;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function formatUtc(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (!withTime) return date;
  return `${date}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Null when the number cannot be a date (negative, past 9999): the caller keeps the number. */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_SERIAL + 1) return null;
  // Whole seconds: the grid's time format has no fractions, and rounding absorbs the binary
  // noise of serials like 0.354166666…
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const epoch = date1904 ? EPOCH_1904 : days < 61 ? EPOCH_1900_EARLY : EPOCH_1900;
  return formatUtc(epoch + days * DAY_MS + secondOfDay * 1000, secondOfDay !== 0);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `t="d"` cells hold ISO 8601 text already; normalise it to the grid's two shapes. */
export function normaliseIsoDate(text: string): string {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = `${y}-${mo}-${d}`;
  return h === '00' && mi === '00' && s === '00' ? date : `${date}T${h}:${mi}:${s}`;
}
