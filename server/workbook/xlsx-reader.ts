import type { Refusal } from '../../shared/issues/refusal';
import { fail, ok, type Result } from '../../shared/result';
import type { SheetGrid } from '../../shared/table/grid';
import { EncodedSheetBuilder, StringTable, transferList, type EncodedGrids } from './grid-transfer';
import { READ_LIMIT_DEFAULTS as DEFAULTS } from './limit-defaults';
import type { ReadLimits } from './limits';
import { CellBudget } from './xlsx/cell-budget';
import { findWorkbookPart, isBinaryWorkbook, isRelType, readRelationships, REL, type Relationship } from './xlsx/opc';
import { refuse, RefusalSignal } from './xlsx/read-refusal';
import { readSharedStrings } from './xlsx/shared-strings';
import { GridRows, type CellSink, type SheetContext } from './xlsx/sheet-data';
import { readSheetCells } from './xlsx/sheet-scan';
import { readStyleKinds } from './xlsx/styles';
import { readWorkbookInfo } from './xlsx/workbook-part';
import { InflateBudget, openPackage, partKey, type XlsxInput, type ZipPackage } from './xlsx/zip-source';

export type XlsxReadOptions = Pick<ReadLimits, 'maxCells' | 'maxTotalUncompressedBytes' | 'maxEntries'>;

/**
 * Reads an .xlsx into grids with yauzl (central directory, random access, parts inflated one at
 * a time as streams) and a hand-written scanner for the big parts (worksheets, shared strings:
 * xlsx/xml-scan.ts), with saxes for the small ones and for whatever the scanner leaves to it.
 * Only the parts the domain needs are inflated: the package and workbook relationships,
 * workbook.xml, sharedStrings.xml, styles.xml and each worksheet up to `</sheetData>`.
 *
 * It bounds inflated bytes and grid cells, but not memory or time: untrusted files go through
 * `readWorkbookGuarded`, which runs this inside a worker with a heap limit and a deadline.
 */
export async function readXlsx(
  input: XlsxInput,
  options: Partial<XlsxReadOptions> = {},
): Promise<Result<SheetGrid[], Refusal>> {
  return guard(async () => {
    const sheets = await readSheets(input, resolve(options), (ctx) => new GridRows(ctx));
    return sheets.map(({ name, sink }) => ({ name, rows: sink.rows }));
  });
}

/**
 * `readXlsx` for the read worker: the grids already in the form they cross to the main thread
 * in (grid-transfer.ts), built as the cells are read, with the buffers to transfer.
 */
export async function readXlsxEncoded(
  input: XlsxInput,
  options: Partial<XlsxReadOptions> = {},
): Promise<Result<{ encoded: EncodedGrids; transfer: ArrayBuffer[] }, Refusal>> {
  return guard(async () => {
    let table: StringTable | undefined;
    const sheets = await readSheets(input, resolve(options), (ctx) => {
      table ??= new StringTable(ctx.sharedStrings);
      return new EncodedSheetBuilder(ctx, table);
    });
    const encoded: EncodedGrids = {
      strings: table?.strings ?? [],
      sheets: sheets.map(({ name, sink }) => sink.finish(name)),
    };
    return { encoded, transfer: transferList(encoded) };
  });
}

function resolve(options: Partial<XlsxReadOptions>): XlsxReadOptions {
  return {
    maxCells: options.maxCells ?? DEFAULTS.maxCells,
    maxTotalUncompressedBytes: options.maxTotalUncompressedBytes ?? DEFAULTS.maxTotalUncompressedBytes,
    maxEntries: options.maxEntries ?? DEFAULTS.maxEntries,
  };
}

async function guard<T>(read: () => Promise<T>): Promise<Result<T, Refusal>> {
  try {
    return ok(await read());
  } catch (e) {
    if (e instanceof RefusalSignal) return fail(e.refusal);
    // "Invalid string length", "Invalid array length": V8's own size limits, reached by a
    // single gigantic string or row — the input is too big, not our code wrong.
    if (e instanceof RangeError && /invalid (string|array|typed array) length/i.test(e.message)) {
      return fail({ code: 'too-large', detail: { reason: 'memory' } });
    }
    throw e;
  }
}

/** Every worksheet's cells, into a sink per sheet that `newSink` makes (once more after a fallback to saxes). */
async function readSheets<S extends CellSink>(
  input: XlsxInput,
  limits: XlsxReadOptions,
  newSink: (ctx: SheetContext) => S,
): Promise<{ name: string; sink: S }[]> {
  const pkg = await openPackage(input, limits.maxEntries);
  try {
    const budget = new InflateBudget(limits.maxTotalUncompressedBytes);
    const workbookPart = await findWorkbookPart(pkg, budget);
    if (workbookPart === null) refuse('not-xlsx', { reason: 'no-workbook' });
    if (isBinaryWorkbook(workbookPart)) refuse('not-xlsx', { reason: 'xlsb' });
    const info = await readWorkbookInfo(pkg, workbookPart, budget);
    const rels = await readRelationships(pkg, workbookPart, budget);
    const present = (rel: Relationship | undefined): rel is Relationship =>
      rel !== undefined && pkg.entries.has(partKey(rel.target));

    const sstRel = rels.find((r) => isRelType(r, REL.sharedStrings));
    const stylesRel = rels.find((r) => isRelType(r, REL.styles));
    const sharedStrings = present(sstRel) ? await readSharedStrings(pkg, sstRel.target, budget, limits.maxCells) : [];
    const styleKinds = present(stylesRel) ? await readStyleKinds(pkg, stylesRel.target, budget) : [];

    const relById = new Map(rels.map((r) => [r.id, r]));
    const cells = new CellBudget(limits.maxCells);
    const sheets: { name: string; sink: S }[] = [];
    const partsRead = new Set<string>();
    for (const sheet of info.sheets) {
      const rel = relById.get(sheet.relId);
      if (rel === undefined) refuse('corrupt', { reason: 'missing-sheet-part', sheet: sheet.name });
      // Chart sheets, dialog and macro sheets hold no cells.
      if (!isRelType(rel, REL.worksheet)) continue;
      if (!present(rel)) refuse('corrupt', { reason: 'missing-sheet-part', sheet: sheet.name });
      // Each worksheet part belongs to one sheet. Listed again and again, one small part would
      // be read for every entry: 150,000 entries in a 700 KB file kept the reader busy a minute.
      const key = partKey(rel.target);
      if (partsRead.has(key)) refuse('corrupt', { reason: 'shared-sheet-part', sheet: sheet.name });
      partsRead.add(key);
      const ctx: SheetContext = { sheetName: sheet.name, sharedStrings, styleKinds, date1904: info.date1904, cells };
      sheets.push({ name: sheet.name, sink: await readSheetCells(pkg, rel.target, budget, ctx, () => newSink(ctx)) });
    }
    return sheets;
  } finally {
    pkg.close();
  }
}

export type { XlsxInput, ZipPackage };
