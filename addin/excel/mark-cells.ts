/// <reference types="office-js" />
import type { CellMark } from '../workbook-port';
import { annotationsOf, type AnnotationMode } from './annotations';
import type { ExcelHost } from './excel-host';
import { locateAnnotations, nextMarksState, queueMarkWrites, validMarks } from './mark-batch';
import { planMarks, wantedMarks } from './mark-plan';
import { MarksLedger } from './marks-ledger';
import { loadMarks, saveMarks } from './settings-io';

/**
 * Replaces the marks this add-in put on a sheet: fills (and notes or comments) where issues are
 * now, the previous fill and no note where they were fixed. One Excel.run, 3 syncs at most
 * whatever the number of marks (they are capped, see MAX_MARKED_ADDRESSES):
 *   1. the sheet's id, what we marked last time, the sheet's notes (or comments);
 *   2. the fills under every address we marked or will mark, and where each note sits;
 *   3. every write, and the new record of what we marked.
 * A sheet with nothing marked before and nothing to mark now costs 1.
 *
 * checkSheet does the same inside a whole check (plan and writes are shared: mark-plan.ts,
 * mark-batch.ts); the ledger is the port's, so that both keep one record between them.
 */
export async function markCells(
  excel: ExcelHost,
  mode: AnnotationMode,
  sheetName: string,
  marks: readonly CellMark[],
  ledger: MarksLedger = new MarksLedger(),
): Promise<void> {
  const all = wantedMarks(marks);
  const wanted = mode === 'none' ? { fills: all.fills, notes: [] } : all;
  const end = ledger.begin();
  try {
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.load('id');
      const sheets = context.workbook.worksheets;
      sheets.load('items/id');
      const stored = loadMarks(context);
      const annotations = annotationsOf(sheet, mode);
      annotations?.load();
      await context.sync();

      const loaded = stored.read();
      const previous = validMarks(ledger.current(loaded)[sheet.id]);
      if (previous.fills.length + previous.notes.length + wanted.fills.length + wanted.notes.length === 0) return;

      const fills = new Map<string, Excel.RangeFill>();
      for (const address of new Set([...previous.fills.map((f) => f.address), ...wanted.fills.map((f) => f.address)])) {
        const fill = sheet.getRange(address).format.fill;
        fill.load('color');
        fills.set(address, fill);
      }
      const locations = locateAnnotations(annotations);
      await context.sync();

      const located = locations.read();
      const plan = planMarks(previous, wanted, { fill: (a) => fills.get(a)?.color ?? null, annotations: located.texts });
      queueMarkWrites(sheet, annotations, located, plan);
      const state = nextMarksState(ledger.current(loaded), sheet.id, plan.next, new Set(sheets.items.map((s) => s.id)));
      saveMarks(context, state);
      ledger.queued(state, sheet.id);
      try {
        await context.sync();
      } catch (error) {
        ledger.failed(sheet.id);
        throw error;
      }
      ledger.persisted(state);
    });
  } finally {
    end();
  }
}
