import { refuse } from './read-refusal';

/**
 * Grid slots allocated so far across the whole workbook: every row entry and every cell
 * entry up to the last one written in its row. Counting slots rather than written cells means
 * a lone cell at XFD1048576 costs what it really costs in memory.
 */
export class CellBudget {
  private usedSlots = 0;
  constructor(readonly limit: number) {}
  get used(): number {
    return this.usedSlots;
  }
  take(slots: number, sheet: string): void {
    this.usedSlots += slots;
    if (this.usedSlots > this.limit) refuse('too-many-cells', { limitCells: this.limit, sheet });
  }
  /** Back to an earlier `used`: the grid those slots were taken for has been thrown away. */
  rewind(used: number): void {
    this.usedSlots = Math.min(this.usedSlots, used);
  }
}
