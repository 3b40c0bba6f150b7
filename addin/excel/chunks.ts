/**
 * How a big used range is read without tripping Excel on the web's 5 MB request limit.
 *
 * The limit is per request, that is per `context.sync()`: loads queued into one sync travel in
 * one response, so splitting a range into pieces helps only if the pieces go in different
 * syncs. So the plan is: rows in slices whose estimated answer (values + number formats) stays
 * under a 4 MB budget, one sync per slice. A 10k-row × 7-column sheet is one slice (3.4 MB
 * estimated), so reading it takes two syncs in all (dimensions, then data); only a sheet
 * beyond ~83k cells needs a third. Should a slice still come back too big (long texts), the
 * reader halves it and tries again.
 */

/** values (a short number or word, ~32 bytes with JSON punctuation) + numberFormat (~16). */
export const ESTIMATED_BYTES_PER_CELL = 48;

/** Under the 5 MB limit with a fifth to spare for cells longer than the estimate. */
export const SYNC_PAYLOAD_BUDGET = 4_000_000;

/**
 * Any other load that travels with a slice (a fill, a note's address, a sheet's size): the
 * request's envelope for the object and the call, plus a short answer.
 */
export const ESTIMATED_BYTES_PER_LOAD = 100;

export interface RowSlice {
  /** Zero-based, relative to the first row read. */
  readonly offset: number;
  readonly rows: number;
}

export function planRowSlices(
  rows: number,
  columns: number,
  bytesPerCell = ESTIMATED_BYTES_PER_CELL,
  budget = SYNC_PAYLOAD_BUDGET,
): RowSlice[] {
  if (rows <= 0 || columns <= 0) return [];
  const perSlice = Math.max(1, Math.floor(budget / (columns * bytesPerCell)));
  const slices: RowSlice[] = [];
  for (let offset = 0; offset < rows; offset += perSlice) slices.push({ offset, rows: Math.min(perSlice, rows - offset) });
  return slices;
}

/** A slice Excel refused as too big, split in two (null when it is one row and cannot shrink). */
export function halve(slice: RowSlice): [RowSlice, RowSlice] | null {
  if (slice.rows < 2) return null;
  const first = Math.floor(slice.rows / 2);
  return [
    { offset: slice.offset, rows: first },
    { offset: slice.offset + first, rows: slice.rows - first },
  ];
}

export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}
