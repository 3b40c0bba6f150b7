import type { MarksState, SheetMarks } from './stored-state';

/**
 * What one ExcelWorkbookPort knows about its marks record (MARKS_KEY) beyond what a run loaded
 * in its first sync. The record is one setting for the whole workbook, and every run that marks
 * rewrites it whole, so two things need remembering in memory:
 *
 * - Runs that overlap (the checker's first check reads and marks every sheet in concurrent
 *   checkSheet runs, each loading the record in its first sync) would otherwise each write back
 *   the record they loaded plus their own sheet, the last one undoing the others. So while runs
 *   are open, each sheet entry queued for writing is kept here and laid over what any of them
 *   loaded; once no run is open the workbook holds it all and the overlay is dropped.
 *
 * - checkSheet has to write the record in the same sync as the fills, before it can have read
 *   the fill under a fresh mark that its first two syncs could not tell (a cell inside a stretch
 *   of mixed fills). It reads that fill in the same batch, before painting, and records "no fill"
 *   meanwhile; where the cell did have a fill of its own, the correction is kept here and goes
 *   into the next record this port writes (any sheet's check writes the whole record). Until
 *   then a closed pane would lose it: the cell's fill would be cleared, not restored, once fixed.
 */
export class MarksLedger {
  private open = 0;
  private readonly overlay = new Map<string, SheetMarks | null>();
  private readonly corrections = new Map<string, Map<string, string>>();

  /** A run starts; call the returned function when it ends, however it ends. */
  begin(): () => void {
    this.open += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.open -= 1;
      if (this.open === 0) this.overlay.clear();
    };
  }

  /** The record as it stands: what a run loaded, with what overlapping runs queued and known originals laid over it. */
  current(loaded: MarksState): MarksState {
    const out: MarksState = { ...loaded };
    for (const [id, marks] of this.overlay) {
      if (marks === null) delete out[id];
      else out[id] = marks;
    }
    for (const [id, fixes] of this.corrections) {
      const marks = out[id];
      if (!marks || fixes.size === 0) continue;
      out[id] = {
        fills: marks.fills.map((f) => {
          const original = f.original === null ? fixes.get(f.address) : undefined;
          return original === undefined ? f : { ...f, original };
        }),
        notes: marks.notes,
      };
    }
    return out;
  }

  /** This record is queued for writing (in a run that is open). */
  queued(state: MarksState, sheetId: string): void {
    this.overlay.set(sheetId, state[sheetId] ?? null);
  }

  /** The batch that carried this sheet's entry failed: the workbook still has the old one. */
  failed(sheetId: string): void {
    this.overlay.delete(sheetId);
  }

  /** The record went out: corrections it carried (or made moot) are done with. */
  persisted(state: MarksState): void {
    for (const [id, fixes] of this.corrections) {
      for (const address of [...fixes.keys()]) {
        const record = state[id]?.fills.find((f) => f.address === address);
        if (!record || record.original !== null) fixes.delete(address);
      }
      if (fixes.size === 0) this.corrections.delete(id);
    }
  }

  /** A fresh mark went over a fill of the user's own that the written record says was none. */
  correct(sheetId: string, address: string, original: string): void {
    let fixes = this.corrections.get(sheetId);
    if (!fixes) this.corrections.set(sheetId, (fixes = new Map()));
    fixes.set(address, original);
  }

  get hasCorrections(): boolean {
    return this.corrections.size > 0;
  }
}
