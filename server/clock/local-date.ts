/**
 * Today as the machine's user sees it: the local calendar date, 'YYYY-MM-DD'. Not
 * toISOString(), which is the UTC date: in Beijing before 08:00 it is still yesterday.
 * shared/ has no clock; the server and the CLI read it here and pass it in.
 */
export function localDate(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
