/// <reference types="office-js" />
import type { CellMark } from '../workbook-port';
import { localAddress, parseBox } from './a1';
import { annotationsOf, type Annotation, type AnnotationMode } from './annotations';
import type { ExcelHost } from './excel-host';
import { planMarks, wantedMarks } from './mark-plan';
import { loadMarks, saveMarks } from './settings-io';
import type { MarksState, SheetMarks } from './stored-state';

/**
 * Replaces the marks this add-in put on a sheet: fills (and notes or comments) where issues are
 * now, the previous fill and no note where they were fixed. One Excel.run, 3 syncs at most
 * whatever the number of marks (they are capped, see MAX_MARKED_ADDRESSES):
 *   1. the sheet's id, what we marked last time, the sheet's notes (or comments);
 *   2. the fills under every address we marked or will mark, and where each note sits;
 *   3. every write, and the new record of what we marked.
 * A sheet with nothing marked before and nothing to mark now costs 1.
 */
export async function markCells(excel: ExcelHost, mode: AnnotationMode, sheetName: string, marks: readonly CellMark[]): Promise<void> {
  const all = wantedMarks(marks);
  const wanted = mode === 'none' ? { fills: all.fills, notes: [] } : all;
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.load('id');
    const sheets = context.workbook.worksheets;
    sheets.load('items/id');
    const stored = loadMarks(context);
    const annotations = annotationsOf(sheet, mode);
    annotations?.load();
    await context.sync();

    const state = stored.read();
    const previous = valid(state[sheet.id]);
    if (previous.fills.length + previous.notes.length + wanted.fills.length + wanted.notes.length === 0) return;

    const fills = new Map<string, Excel.RangeFill>();
    for (const address of new Set([...previous.fills.map((f) => f.address), ...wanted.fills.map((f) => f.address)])) {
      const fill = sheet.getRange(address).format.fill;
      fill.load('color');
      fills.set(address, fill);
    }
    const items = annotations?.items() ?? [];
    const locations = items.map((item) => item.getLocation().load('address'));
    await context.sync();

    const onCell = new Map<string, Annotation>();
    const texts = new Map<string, string>();
    items.forEach((item, i) => {
      const cell = localAddress(locations[i]!.address);
      onCell.set(cell, item);
      texts.set(cell, item.content);
    });
    const plan = planMarks(previous, wanted, { fill: (a) => fills.get(a)?.color ?? null, annotations: texts });

    for (const r of plan.restore) {
      const fill = sheet.getRange(r.address).format.fill;
      if (r.original === null) fill.clear();
      else fill.color = r.original;
    }
    for (const f of plan.fill) sheet.getRange(f.address).format.fill.color = f.color;
    for (const cell of plan.deleteNotes) onCell.get(cell)?.delete();
    for (const n of plan.updateNotes) onCell.get(n.cell)?.setContent(n.text);
    for (const n of plan.addNotes) annotations?.add(sheet.getRange(n.cell), n.text);

    saveMarks(context, nextState(state, sheet.id, plan.next, new Set(sheets.items.map((s) => s.id))));
    await context.sync();
  });
}

/** A record read back from the file is used only where its addresses are addresses. */
function valid(marks: SheetMarks | undefined): SheetMarks {
  if (!marks) return { fills: [], notes: [] };
  return {
    fills: marks.fills.filter((f) => parseBox(f.address) !== null),
    notes: marks.notes.filter((n) => parseBox(n.cell) !== null),
  };
}

/** The record with this sheet's marks replaced and deleted sheets forgotten. */
function nextState(state: MarksState, sheetId: string, marks: SheetMarks, existing: ReadonlySet<string>): MarksState {
  const next: MarksState = {};
  for (const [id, m] of Object.entries(state)) if (existing.has(id) && id !== sheetId) next[id] = m;
  if (marks.fills.length + marks.notes.length > 0) next[sheetId] = marks;
  return next;
}
