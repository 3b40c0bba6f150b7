import type { Refusal } from '../../shared/issues/refusal';
import { fail, ok, type Result } from '../../shared/result';
import type { SheetGrid } from '../../shared/table/grid';
import { READ_LIMIT_DEFAULTS as DEFAULTS } from './limit-defaults';
import type { ReadLimits } from './limits';
import { CellBudget } from './xlsx/cell-budget';
import { findWorkbookPart, isRelType, readRelationships, REL, type Relationship } from './xlsx/opc';
import { refuse, RefusalSignal } from './xlsx/read-refusal';
import { readSharedStrings } from './xlsx/shared-strings';
import { SheetDataReader } from './xlsx/sheet-data';
import { readStyleKinds } from './xlsx/styles';
import { readWorkbookInfo } from './xlsx/workbook-part';
import { parseXmlPart } from './xlsx/xml-part';
import { InflateBudget, openPackage, partKey, type XlsxInput, type ZipPackage } from './xlsx/zip-source';

export type XlsxReadOptions = Pick<ReadLimits, 'maxCells' | 'maxTotalUncompressedBytes' | 'maxEntries'>;

/**
 * Reads an .xlsx into grids with yauzl (central directory, random access, parts inflated one at
 * a time as streams) and saxes (SAX, nothing kept but the values). Only the parts the domain
 * needs are inflated: the package and workbook relationships, workbook.xml, sharedStrings.xml,
 * styles.xml and each worksheet up to `</sheetData>`.
 *
 * It bounds inflated bytes and grid cells, but not memory or time: untrusted files go through
 * `readWorkbookGuarded`, which runs this inside a worker with a heap limit and a deadline.
 */
export async function readXlsx(
  input: XlsxInput,
  options: Partial<XlsxReadOptions> = {},
): Promise<Result<SheetGrid[], Refusal>> {
  const limits: XlsxReadOptions = {
    maxCells: options.maxCells ?? DEFAULTS.maxCells,
    maxTotalUncompressedBytes: options.maxTotalUncompressedBytes ?? DEFAULTS.maxTotalUncompressedBytes,
    maxEntries: options.maxEntries ?? DEFAULTS.maxEntries,
  };
  try {
    return ok(await readSheets(input, limits));
  } catch (e) {
    if (e instanceof RefusalSignal) return fail(e.refusal);
    // "Invalid string length", "Invalid array length": V8's own size limits, reached by a
    // single gigantic string or row — the input is too big, not our code wrong.
    if (e instanceof RangeError && /invalid (string|array) length/i.test(e.message)) {
      return fail({ code: 'too-large', detail: { reason: 'memory' } });
    }
    throw e;
  }
}

async function readSheets(input: XlsxInput, limits: XlsxReadOptions): Promise<SheetGrid[]> {
  const pkg = await openPackage(input, limits.maxEntries);
  try {
    const budget = new InflateBudget(limits.maxTotalUncompressedBytes);
    const workbookPart = await findWorkbookPart(pkg, budget);
    if (workbookPart === null) refuse('not-xlsx', { reason: 'no-workbook' });
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
    const grids: SheetGrid[] = [];
    for (const sheet of info.sheets) {
      const rel = relById.get(sheet.relId);
      if (rel === undefined) refuse('corrupt', { reason: 'missing-sheet-part', sheet: sheet.name });
      // Chart sheets, dialog and macro sheets hold no cells.
      if (!isRelType(rel, REL.worksheet)) continue;
      if (!present(rel)) refuse('corrupt', { reason: 'missing-sheet-part', sheet: sheet.name });
      const reader = new SheetDataReader({
        sheetName: sheet.name,
        sharedStrings,
        styleKinds,
        date1904: info.date1904,
        cells,
      });
      await parseXmlPart(pkg, rel.target, budget, reader);
      grids.push({ name: sheet.name, rows: reader.rows });
    }
    return grids;
  } finally {
    pkg.close();
  }
}

export type { XlsxInput, ZipPackage };
