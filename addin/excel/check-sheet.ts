/// <reference types="office-js" />
import type { SheetAnalysis, SheetCheck, SheetInfo } from '../workbook-port';
import { parseBox } from './a1';
import { annotationsOf, type Annotations, type AnnotationMode } from './annotations';
import { ESTIMATED_BYTES_PER_LOAD, SYNC_PAYLOAD_BUDGET } from './chunks';
import type { ExcelHost } from './excel-host';
import { FillMap, MAX_FILL_PROBES, planProbes, type SheetArea } from './fill-probes';
import { locateAnnotations, nextMarksState, queueMarkWrites, validMarks, type LocatedAnnotations } from './mark-batch';
import { originalFill, planMarks, wantedMarks } from './mark-plan';
import type { MarksLedger } from './marks-ledger';
import { gridArea, readArea } from './read-sheet';
import { loadLayout, loadMarks, saveMarks } from './settings-io';
import type { SheetMarks } from './stored-state';

/**
 * A whole check of one sheet in one Excel.run: what listSheets, readSheet and markCells do in
 * seven syncs, in three.
 *
 *   1. The sheet list (names, ids), the sheet's id and used range (position and size), the
 *      add-in's records (layout, and what it marked last time), the sheet's notes (or comments).
 *   2. The data: values and number formats — and, in the same sync, the other sheets' sizes,
 *      the fills under our previous marks, where each note sits, and the sheet's fills in up to
 *      200 pieces (fill-probes.ts), which tell the fill under a fresh mark before it is known
 *      where the marks go.
 *   —  `analyse` runs on the grid, in plain JS (the checker's cache holds the other sheets).
 *   3. Every write — fills given back, fills, notes (markCells' plan, mark-plan.ts) — and the
 *      new record of what is marked.
 *
 * Syncs: exactly 2 + the slices of the data, where a slice is up to 4 MB (planRowSlices): 3 for
 * any sheet up to ~83k cells, whatever the number of issues (marks are capped at 1,000
 * addresses, which keeps the write sync to a few hundred KB). A bigger sheet adds one sync per
 * further 4 MB; the marks' loads ride with the last slice, in the room it leaves. A slice Excel
 * still refuses as too big (text far longer than the estimate) is read again as two, as
 * readSheet does. 2 when there is nothing to mark and nothing was marked; 2 for the generated
 * Scorecard sheet, which is listed but never read or checked.
 */
export async function checkSheet(
  excel: ExcelHost,
  mode: AnnotationMode,
  ledger: MarksLedger,
  sheetName: string,
  analyse: SheetAnalysis,
): Promise<SheetCheck> {
  const end = ledger.begin();
  try {
    return await excel.run((context) => checkInRun(context, mode, ledger, sheetName, analyse));
  } finally {
    end();
  }
}

async function checkInRun(
  context: Excel.RequestContext,
  mode: AnnotationMode,
  ledger: MarksLedger,
  sheetName: string,
  analyse: SheetAnalysis,
): Promise<SheetCheck> {
  let syncs = 0;
  const sync = async (): Promise<void> => {
    syncs += 1;
    await context.sync();
  };

  // 1. Everything that says what to read.
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id');
  const sheet = worksheets.getItem(sheetName);
  sheet.load('id');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  const layoutRecord = loadLayout(context);
  const marksRecord = loadMarks(context);
  const annotations = annotationsOf(sheet, mode);
  annotations?.load();
  await sync();

  const layout = layoutRecord.read();
  const listed = worksheets.items.filter((s) => s.id !== layout.scorecardSheetId);
  const existing = new Set(worksheets.items.map((s) => s.id));
  const own: SheetInfo = used.isNullObject
    ? { name: sheetName, rows: 0, columns: 0 }
    : { name: sheetName, rows: used.rowCount, columns: used.columnCount };
  const others = listed.filter((s) => s.id !== sheet.id);

  if (sheet.id === layout.scorecardSheetId) {
    const sizes = queueSizes(others);
    await sync();
    return { grid: null, marks: [], sheets: sizes.read(), syncs };
  }

  const loaded = marksRecord.read();
  const previous = validMarks(ledger.current(loaded)[sheet.id]);
  const area = used.isNullObject ? null : gridArea(used, layout.gantt[sheet.id]);

  // 2. The data, with the marks' loads in the last slice's sync.
  const { rows, last } = await readArea(sheet, area, sync, (sliceBytes, lean) => {
    const sizes = queueSizes(others);
    const marks = queueMarkReads(sheet, area, previous, annotations, sliceBytes + others.length * 2 * ESTIMATED_BYTES_PER_LOAD, lean);
    return { sizes, marks };
  });
  const grid = { name: sheetName, rows };
  const sizes = last!.sizes.read();
  const sheets = listed.map((s) => (s.id === sheet.id ? { ...own, name: s.name } : sizes.find((i) => i.name === s.name)!));

  const marks = await analyse(grid, sheets);

  const all = wantedMarks(marks);
  const wanted = mode === 'none' ? { fills: all.fills, notes: [] } : all;
  const nothing = previous.fills.length + previous.notes.length + wanted.fills.length + wanted.notes.length === 0;
  if (nothing && !ledger.hasCorrections) return { grid, marks, sheets, syncs };

  // 3. The writes. A fresh mark whose fill the pieces could not tell is read here, before it is
  // painted; the record says "no fill" for it until the ledger has the answer.
  const reads = last!.marks.read();
  const unknown: string[] = [];
  const plan = planMarks(previous, wanted, {
    fill: (address) => {
      if (reads.previousFills.has(address)) return reads.previousFills.get(address) ?? null;
      const known = reads.fills.fill(address);
      if (known !== undefined) return known;
      unknown.push(address);
      return null;
    },
    annotations: reads.located.texts,
  });
  const underneath = unknown.map((address) => {
    const fill = sheet.getRange(address).format.fill;
    fill.load('color');
    return { address, fill };
  });
  queueMarkWrites(sheet, annotations, reads.located, plan);
  const state = nextMarksState(ledger.current(loaded), sheet.id, plan.next, existing);
  saveMarks(context, state);
  ledger.queued(state, sheet.id);
  try {
    await sync();
  } catch (error) {
    ledger.failed(sheet.id);
    throw error;
  }
  ledger.persisted(state);
  for (const { address, fill } of underneath) {
    const original = originalFill(fill.color ?? null);
    if (original !== null) ledger.correct(sheet.id, address, original);
  }
  return { grid, marks, sheets, syncs };
}

/** Queues the size of each sheet's used range; `read()` after the sync. */
function queueSizes(sheets: readonly Excel.Worksheet[]): { read(): SheetInfo[] } {
  const used = sheets.map((s) => {
    const range = s.getUsedRangeOrNullObject(true);
    range.load('rowCount,columnCount');
    return range;
  });
  return {
    read: () =>
      sheets.map((s, i) => {
        const range = used[i]!;
        return range.isNullObject ? { name: s.name, rows: 0, columns: 0 } : { name: s.name, rows: range.rowCount, columns: range.columnCount };
      }),
  };
}

interface MarkReads {
  /** The fill now under each of our previous marks (null where its cells differ). */
  readonly previousFills: ReadonlyMap<string, string | null>;
  readonly located: LocatedAnnotations;
  /** The fill under any other address, as far as the pieces tell. */
  readonly fills: FillMap;
}

/**
 * Queues what marking will need, in the sync that carries `otherBytes` already: the fills under
 * the previous marks, the notes' locations, and as many fill pieces as the 4 MB budget has room
 * for, up to MAX_FILL_PROBES (none when `lean`: the sync was refused as too big once already).
 */
function queueMarkReads(
  sheet: Excel.Worksheet,
  area: SheetArea | null,
  previous: SheetMarks,
  annotations: Annotations | null,
  otherBytes: number,
  lean: boolean,
): { read(): MarkReads } {
  const marked = previous.fills.map((f) => {
    const fill = sheet.getRange(f.address).format.fill;
    fill.load('color');
    // validMarks kept only records whose address parses.
    return { address: f.address, box: parseBox(f.address)!, fill };
  });
  const locations = locateAnnotations(annotations);
  const fixed = otherBytes + (marked.length + locations.count) * ESTIMATED_BYTES_PER_LOAD;
  const room = lean ? 0 : Math.min(MAX_FILL_PROBES, Math.floor((SYNC_PAYLOAD_BUDGET - fixed) / ESTIMATED_BYTES_PER_LOAD));
  const probes = (area ? planProbes(area, marked.map((m) => m.box), room) : []).map((piece) => {
    const fill = sheet.getRangeByIndexes(piece.top, piece.column, piece.bottom - piece.top + 1, 1).format.fill;
    fill.load('color');
    return { piece, fill };
  });
  return {
    read: () => {
      const fills = marked.map(({ address, box, fill }) => ({ address, box, color: fill.color ?? null }));
      return {
        previousFills: new Map(fills.map((f) => [f.address, f.color])),
        located: locations.read(),
        fills: new FillMap(
          probes.map(({ piece, fill }) => ({ piece, color: fill.color ?? null })),
          fills,
        ),
      };
    },
  };
}
