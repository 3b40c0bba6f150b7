/// <reference types="office-js" />
import { localAddress, parseBox } from './a1';
import type { Annotation, Annotations } from './annotations';
import type { MarkPlan } from './mark-plan';
import type { MarksState, SheetMarks } from './stored-state';

/**
 * The Excel side of marking, shared by markCells and checkSheet: where the sheet's notes (or
 * comments) sit, and the writes that carry out a MarkPlan. Both only queue; the caller syncs.
 */

/** The notes (or comments) of a sheet by cell, with their text, once their locations are in. */
export interface LocatedAnnotations {
  readonly onCell: ReadonlyMap<string, Annotation>;
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * Queues the load of where each note sits (the notes themselves were loaded in an earlier
 * sync); `read()` after this batch's sync.
 */
export function locateAnnotations(annotations: Annotations | null): { read(): LocatedAnnotations; readonly count: number } {
  const items = annotations?.items() ?? [];
  const locations = items.map((item) => item.getLocation().load('address'));
  return {
    count: items.length,
    read() {
      const onCell = new Map<string, Annotation>();
      const texts = new Map<string, string>();
      items.forEach((item, i) => {
        const cell = localAddress(locations[i]!.address);
        onCell.set(cell, item);
        texts.set(cell, item.content);
      });
      return { onCell, texts };
    },
  };
}

/** Queues every write of the plan on the sheet: fills taken back, fills, notes deleted, changed, added. */
export function queueMarkWrites(sheet: Excel.Worksheet, annotations: Annotations | null, located: LocatedAnnotations, plan: MarkPlan): void {
  for (const r of plan.restore) {
    const fill = sheet.getRange(r.address).format.fill;
    if (r.original === null) fill.clear();
    else fill.color = r.original;
  }
  for (const f of plan.fill) sheet.getRange(f.address).format.fill.color = f.color;
  for (const cell of plan.deleteNotes) located.onCell.get(cell)?.delete();
  for (const n of plan.updateNotes) located.onCell.get(n.cell)?.setContent(n.text);
  for (const n of plan.addNotes) annotations?.add(sheet.getRange(n.cell), n.text);
}

/** A record read back from the file is used only where its addresses are addresses. */
export function validMarks(marks: SheetMarks | undefined): SheetMarks {
  if (!marks) return { fills: [], notes: [] };
  return {
    fills: marks.fills.filter((f) => parseBox(f.address) !== null),
    notes: marks.notes.filter((n) => parseBox(n.cell) !== null),
  };
}

/** The record with this sheet's marks replaced and deleted sheets forgotten. */
export function nextMarksState(state: MarksState, sheetId: string, marks: SheetMarks, existing: ReadonlySet<string>): MarksState {
  const next: MarksState = {};
  for (const [id, m] of Object.entries(state)) if (existing.has(id) && id !== sheetId) next[id] = m;
  if (marks.fills.length + marks.notes.length > 0) next[sheetId] = marks;
  return next;
}
