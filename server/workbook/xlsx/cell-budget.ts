import { refuse } from './read-refusal';

/**
 * Grid slots allocated so far across the whole workbook: every row entry and every cell
 * entry up to the last one written in its row. Counting slots rather than written cells means
 * a lone cell at XFD1048576 costs what it really costs in memory.
 */
export class CellBudget {
  private used = 0;
  constructor(readonly limit: number) {}
  take(slots: number, sheet: string): void {
    this.used += slots;
    if (this.used > this.limit) refuse('too-many-cells', { limitCells: this.limit, sheet });
  }
}
