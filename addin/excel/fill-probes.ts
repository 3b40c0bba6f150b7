import { boxArea, parseBox, type Box } from './a1';
import { sameFill } from './mark-plan';

/**
 * The fills under marks that are not known yet.
 *
 * A fresh mark remembers the fill it covers, to give it back once fixed. markCells loads that
 * fill by address, but checkSheet learns which cells to mark only after its data sync, and the
 * next sync already has to carry the writes. So the data sync also loads the fill of the sheet
 * in pieces: each piece is a run of cells in one column, and Excel answers one colour for it
 * when its cells agree (null when they differ). Cells under our previous marks are left out of
 * the pieces (their own loads answer for them), and the first row, often a coloured header, is a
 * piece of its own. Pieces are as short as MAX_FILL_PROBES loads allow (and the room left in
 * that sync): one cell each on a small sheet, ~370 rows on a 10k-row × 7-column one. Each load
 * costs Excel some work, and all that the pieces buy is an answer in the record before the
 * write sync rather than after it (see below), so they stay few.
 *
 * Where a piece's cells differ, or a cell is in no piece (the runs between marks are left out
 * first when there are too many), a fresh mark there stays unknown; checkSheet then reads it in
 * the write sync, before painting, and the port's MarksLedger keeps the answer until the next
 * record it writes. That matters only for a cell with a fill of the user's own.
 */

/** The most fill loads the data sync of one check carries for pieces. */
export const MAX_FILL_PROBES = 200;

/** One load of the data sync: a run of cells in one column (zero-based, inclusive). */
export interface Piece {
  readonly column: number;
  readonly top: number;
  readonly bottom: number;
}

/** The part of a sheet that is read as its grid (zero-based). */
export interface SheetArea {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * At most `maxProbes` pieces that cover `area` outside the `covered` boxes: every run between
 * covered cells cut as short as the count allows, or, where there are more runs than that, the
 * longest runs whole.
 */
export function planProbes(area: SheetArea, covered: readonly Box[], maxProbes: number): Piece[] {
  if (area.rows <= 0 || area.columns <= 0) return [];
  const bottom = area.top + area.rows - 1;
  const right = area.left + area.columns - 1;
  const taken = new Map<number, [number, number][]>();
  for (const box of covered) {
    const from = Math.max(box.top, area.top);
    const to = Math.min(box.bottom, bottom);
    if (from > to) continue;
    for (let c = Math.max(box.left, area.left); c <= Math.min(box.right, right); c++) {
      let list = taken.get(c);
      if (!list) taken.set(c, (list = []));
      list.push([from, to]);
    }
  }
  const runs: Piece[] = [];
  for (let column = area.left; column <= right; column++) {
    const emit = (from: number, to: number): void => {
      if (from === area.top && to > from) {
        runs.push({ column, top: from, bottom: from });
        from += 1;
      }
      runs.push({ column, top: from, bottom: to });
    };
    let row = area.top;
    for (const [from, to] of (taken.get(column) ?? []).sort((a, b) => a[0] - b[0])) {
      if (from > row) emit(row, from - 1);
      row = Math.max(row, to + 1);
    }
    if (row <= bottom) emit(row, bottom);
  }
  if (runs.length >= maxProbes) {
    const longest = runs
      .map((r, i) => ({ r, i, cells: r.bottom - r.top + 1 }))
      .sort((a, b) => b.cells - a.cells || a.i - b.i)
      .slice(0, Math.max(0, maxProbes));
    return longest.sort((a, b) => a.i - b.i).map(({ r }) => r);
  }

  // The shortest pieces that fit: count(p) only falls as p grows, and the longest run fits.
  const count = (p: number): number => runs.reduce((n, r) => n + Math.ceil((r.bottom - r.top + 1) / p), 0);
  let lo = 1;
  let hi = runs.reduce((m, r) => Math.max(m, r.bottom - r.top + 1), 1);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (count(mid) <= maxProbes) hi = mid;
    else lo = mid + 1;
  }
  const pieces: Piece[] = [];
  for (const r of runs) {
    for (let top = r.top; top <= r.bottom; top += lo) pieces.push({ column: r.column, top, bottom: Math.min(r.bottom, top + lo - 1) });
  }
  return pieces;
}

/** Beyond this many cells an address is not worked out cell by cell: it is read in the write sync. */
const MAX_CELLS_WORKED_OUT = 100_000;

const NO_COLUMN = { tops: [] as number[], pieces: [] as { bottom: number; color: string | null }[] };

/**
 * What the data sync's loads say about the fill of any address: the fill Excel would report
 * there (a colour; null when its cells differ), or undefined when they cannot tell.
 */
export class FillMap {
  private readonly columns = new Map<number, { tops: number[]; pieces: { bottom: number; color: string | null }[] }>();
  private readonly singles = new Map<number, string | null>();
  private readonly ranges: { box: Box; color: string | null }[] = [];

  constructor(
    probes: readonly { readonly piece: Piece; readonly color: string | null }[],
    /** Our previous marks with the fill loaded for each (the fill of every cell when not null). */
    marked: readonly { readonly box: Box; readonly color: string | null }[],
  ) {
    for (const { piece, color } of probes) {
      let column = this.columns.get(piece.column);
      if (!column) this.columns.set(piece.column, (column = { tops: [], pieces: [] }));
      column.tops.push(piece.top);
      column.pieces.push({ bottom: piece.bottom, color });
    }
    // Pieces were planned top to bottom per column; keep lookups binary whatever the order given.
    for (const column of this.columns.values()) {
      const order = column.tops.map((_, i) => i).sort((a, b) => column.tops[a]! - column.tops[b]!);
      column.tops = order.map((i) => column.tops[i]!);
      column.pieces = order.map((i) => column.pieces[i]!);
    }
    for (const { box, color } of marked) {
      if (boxArea(box) === 1) this.singles.set(cellKey(box.top, box.left), color);
      else this.ranges.push({ box, color });
    }
  }

  fill(address: string): string | null | undefined {
    const box = parseBox(address);
    if (!box || boxArea(box) > MAX_CELLS_WORKED_OUT) return undefined;
    let first: string | undefined;
    let unknown = false;
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        const color = this.cell(r, c);
        if (color === undefined) unknown = true;
        else if (first === undefined) first = color;
        // Two cells that differ: Excel reports null for the range whatever the others hold.
        else if (!sameFill(first, color)) return null;
      }
    }
    return unknown ? undefined : first;
  }

  private cell(row: number, column: number): string | undefined {
    let underMark = false;
    const single = this.singles.get(cellKey(row, column));
    if (single !== undefined) {
      if (single !== null) return single;
      underMark = true;
    }
    for (const { box, color } of this.ranges) {
      if (row < box.top || row > box.bottom || column < box.left || column > box.right) continue;
      if (color !== null) return color;
      underMark = true;
    }
    if (underMark) return undefined;
    const { tops, pieces } = this.columns.get(column) ?? NO_COLUMN;
    let lo = 0;
    let hi = tops.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tops[mid]! <= row) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const piece = at >= 0 ? pieces[at]! : undefined;
    return piece && row <= piece.bottom && piece.color !== null ? piece.color : undefined;
  }
}

function cellKey(row: number, column: number): number {
  return row * 16_384 + column;
}
