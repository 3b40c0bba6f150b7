import type { CellMark, SheetAnalysis, SheetCheck, SheetInfo, SyncTarget, WorkbookPort } from '../workbook-port';

/**
 * Open conflicts marked in the sheet, beside the issues: a WorkbookPort that passes everything
 * through and adds the conflict marks of a sheet to whatever marks the checker writes there. The
 * checker replaces a sheet's marks on every check; through this port the conflict marks survive
 * those checks until the conflicts are resolved (set to none), and never hide an issue's mark.
 */
export class ConflictMarkingPort implements WorkbookPort {
  private readonly conflicts = new Map<string, readonly CellMark[]>();
  /** The checker's marks per sheet as last written, to re-write them with new conflict marks. */
  private readonly issueMarks = new Map<string, readonly CellMark[]>();
  readonly checkSheet?: (sheet: string, analyse: SheetAnalysis) => Promise<SheetCheck>;
  readonly readSyncTarget?: () => Promise<SyncTarget | null>;
  readonly writeSyncTarget?: (target: SyncTarget) => Promise<void>;

  constructor(private readonly inner: WorkbookPort) {
    const check = inner.checkSheet?.bind(inner);
    if (check) {
      this.checkSheet = (sheet, analyse) =>
        check(sheet, async (grid, sheets) => {
          const marks = await analyse(grid, sheets);
          this.issueMarks.set(sheet, marks);
          return [...marks, ...(this.conflicts.get(sheet) ?? [])];
        });
    }
    if (inner.readSyncTarget) this.readSyncTarget = inner.readSyncTarget.bind(inner);
    if (inner.writeSyncTarget) this.writeSyncTarget = inner.writeSyncTarget.bind(inner);
  }

  /** Marks a sheet's conflicting cells (an empty list clears them) and writes the sheet's marks now. */
  async setConflictMarks(sheet: string, marks: readonly CellMark[]): Promise<void> {
    if (marks.length === 0) this.conflicts.delete(sheet);
    else this.conflicts.set(sheet, marks);
    await this.inner.markCells(sheet, [...(this.issueMarks.get(sheet) ?? []), ...marks]);
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.inner.listSheets();
  }
  readSheet(name: string) {
    return this.inner.readSheet(name);
  }
  markCells(sheet: string, marks: readonly CellMark[]): Promise<void> {
    this.issueMarks.set(sheet, marks);
    return this.inner.markCells(sheet, [...marks, ...(this.conflicts.get(sheet) ?? [])]);
  }
  selectCell(sheet: string, cell: string): Promise<void> {
    return this.inner.selectCell(sheet, cell);
  }
  insertTemplate(...args: Parameters<WorkbookPort['insertTemplate']>) {
    return this.inner.insertTemplate(...args);
  }
  writeValues(...args: Parameters<WorkbookPort['writeValues']>) {
    return this.inner.writeValues(...args);
  }
  writeScorecard(...args: Parameters<WorkbookPort['writeScorecard']>) {
    return this.inner.writeScorecard(...args);
  }
  drawGantt(...args: Parameters<WorkbookPort['drawGantt']>) {
    return this.inner.drawGantt(...args);
  }
  onChanged(handler: (sheet: string, address: string) => void): Promise<() => void> {
    return this.inner.onChanged(handler);
  }
}
