import type { CellMark } from '../workbook-port';
import { boxAddress, boxArea, boxesOverlap, parseBox, type Box } from './a1';
import type { FillRecord, NoteRecord, SheetMarks } from './stored-state';

/** Excel's own "Bad" and "Neutral" cell-style fills. */
export const MARK_COLORS = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

/**
 * At most this many addresses are marked on one sheet (the pane lists every issue). It bounds
 * the size of the batch that marks them, so marking stays within 3 syncs and well under the
 * 5 MB request limit however many issues a sheet has: ~1000 fills, notes and their clearing
 * come to a few hundred KB.
 */
export const MAX_MARKED_ADDRESSES = 1000;

/** Excel reports "no fill" as white. */
const NO_FILL = '#FFFFFF';

export interface WantedFill {
  readonly address: string;
  readonly color: string;
}

export interface WantedMarks {
  /** Bigger areas first, so a single cell's colour shows over a range it lies in. */
  readonly fills: readonly WantedFill[];
  /** One note per cell: a range's note goes on its top-left cell. */
  readonly notes: readonly NoteRecord[];
}

/** Marks on one address merge: the worse severity, every message once. */
export function wantedMarks(marks: readonly CellMark[], cap = MAX_MARKED_ADDRESSES): WantedMarks {
  const byAddress = new Map<string, { box: Box; severity: CellMark['severity']; messages: string[] }>();
  for (const mark of marks) {
    const box = parseBox(mark.cell);
    if (!box) continue;
    const address = boxAddress(box);
    let entry = byAddress.get(address);
    if (!entry) {
      if (byAddress.size >= cap) continue;
      entry = { box, severity: mark.severity, messages: [] };
      byAddress.set(address, entry);
    }
    if (mark.severity === 'error') entry.severity = 'error';
    if (!entry.messages.includes(mark.message)) entry.messages.push(mark.message);
  }
  const entries = [...byAddress.entries()];
  const fills = entries
    .map(([address, e]) => ({ address, color: MARK_COLORS[e.severity], area: boxArea(e.box) }))
    .sort((a, b) => b.area - a.area)
    .map(({ address, color }) => ({ address, color }));
  const notes = new Map<string, string[]>();
  for (const [, e] of entries) {
    const anchor = boxAddress({ top: e.box.top, left: e.box.left, bottom: e.box.top, right: e.box.left });
    const list = notes.get(anchor) ?? [];
    for (const m of e.messages) if (!list.includes(m)) list.push(m);
    notes.set(anchor, list);
  }
  return { fills, notes: [...notes].map(([cell, texts]) => ({ cell, text: texts.join('\n') })) };
}

/** What the sheet looks like now, as loaded in the batch before the writes. */
export interface Observed {
  /** The fill of an address ("#RRGGBB"; white for none), or null when its cells differ. */
  fill(address: string): string | null;
  /** The text of the note (or comment) on each cell that has one. */
  readonly annotations: ReadonlyMap<string, string>;
}

export interface MarkPlan {
  /** Fills to take back: to the colour the cell had, or cleared (null). */
  readonly restore: readonly { address: string; original: string | null }[];
  readonly fill: readonly WantedFill[];
  readonly deleteNotes: readonly string[];
  readonly updateNotes: readonly NoteRecord[];
  readonly addNotes: readonly NoteRecord[];
  /** What to remember for next time. */
  readonly next: SheetMarks;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a != null && b != null && a.toUpperCase() === b.toUpperCase();

const OUR_COLORS: readonly string[] = Object.values(MARK_COLORS);

/**
 * What a fresh mark remembers as the fill underneath, from the fill Excel reports there now: none
 * (null) for no fill or a mixed range, and for our own colour too — an overlapping mark of ours,
 * whose own record knows the real original.
 */
export function originalFill(current: string | null): string | null {
  return current === null || same(current, NO_FILL) || OUR_COLORS.some((c) => same(c, current)) ? null : current.toUpperCase();
}

/** Two fills the same colour (Excel answers "#FFC7CE" or "#ffc7ce" alike). */
export function sameFill(a: string | null | undefined, b: string | null | undefined): boolean {
  return same(a, b);
}

/**
 * The smallest set of writes that turns the marks we made last time into the marks wanted now.
 * Only what is still ours is touched: a fill the user recoloured, or a note they edited, has
 * become theirs and is left alone (and forgotten).
 */
export function planMarks(previous: SheetMarks, wanted: WantedMarks, observed: Observed): MarkPlan {
  const prevFills = new Map(previous.fills.map((f) => [f.address, f]));
  const wantFills = new Map(wanted.fills.map((f) => [f.address, f]));
  const restore: { address: string; original: string | null }[] = [];
  const fill: WantedFill[] = [];
  const nextFills: FillRecord[] = [];

  // A range whose cells differ (null) is taken as still ours: another of our marks inside it
  // is the usual reason, and leaving a stale mark is worse than repainting a cell.
  const stillOurs = (current: string | null, rec: FillRecord): boolean => current === null || same(current, rec.color);
  for (const rec of previous.fills) {
    if (wantFills.has(rec.address)) continue;
    if (stillOurs(observed.fill(rec.address), rec)) restore.push({ address: rec.address, original: rec.original });
  }
  for (const want of wanted.fills) {
    const rec = prevFills.get(want.address);
    const current = observed.fill(want.address);
    if (rec && stillOurs(current, rec)) {
      if (current === null || !same(rec.color, want.color)) fill.push(want);
      nextFills.push({ address: want.address, color: want.color, original: rec.original });
      continue;
    }
    // A fresh mark remembers the fill underneath (see originalFill).
    const original = originalFill(current);
    fill.push(want);
    nextFills.push({ address: want.address, color: want.color, original });
  }
  // Taking back a fill may wipe part of a mark that stays (a fixed cell inside a marked range):
  // paint those again.
  const restoredBoxes = restore.map((r) => parseBox(r.address)).filter((b): b is Box => b !== null);
  if (restoredBoxes.length > 0) {
    const queued = new Set(fill.map((f) => f.address));
    for (const want of wanted.fills) {
      const box = parseBox(want.address);
      if (!queued.has(want.address) && box && restoredBoxes.some((r) => boxesOverlap(r, box))) fill.push(want);
    }
    // Keep bigger areas first, as `wantedMarks` ordered them.
    const order = new Map(wanted.fills.map((f, i) => [f.address, i]));
    fill.sort((a, b) => (order.get(a.address) ?? 0) - (order.get(b.address) ?? 0));
  }

  const prevNotes = new Map(previous.notes.map((n) => [n.cell, n.text]));
  const wantNotes = new Map(wanted.notes.map((n) => [n.cell, n.text]));
  const deleteNotes: string[] = [];
  const updateNotes: NoteRecord[] = [];
  const addNotes: NoteRecord[] = [];
  const nextNotes: NoteRecord[] = [];
  for (const rec of previous.notes) {
    if (!wantNotes.has(rec.cell) && observed.annotations.get(rec.cell) === rec.text) deleteNotes.push(rec.cell);
  }
  for (const want of wanted.notes) {
    const current = observed.annotations.get(want.cell);
    const prev = prevNotes.get(want.cell);
    if (current === undefined) {
      addNotes.push(want);
      nextNotes.push(want);
    } else if (current === want.text) {
      nextNotes.push(want);
    } else if (prev !== undefined && current === prev) {
      updateNotes.push(want);
      nextNotes.push(want);
    }
    // Otherwise the cell holds the user's own note: the fill alone marks it.
  }
  return { restore, fill, deleteNotes, updateNotes, addNotes, next: { fills: nextFills, notes: nextNotes } };
}
