import { decodeCells, encodeCells, type Cells } from './json-cells';

/**
 * Live rows as read from sheet_rows, by key, in the order they were read: their JSON text and
 * revision, the cells decoded only when someone asks for them. A full push of a 100k-row sheet
 * that changes a few cells compares most rows by their text (see push.ts) and never pays for
 * decoding them.
 */
export class StoredRows implements ReadonlyMap<string, Cells> {
  readonly #rows = new Map<string, StoredRow>();

  add(key: string, text: string, revision: number): void {
    this.#rows.set(key, { text, revision, cells: null });
  }

  /** The row's cells as stored (decoded once, then remembered). */
  get(key: string): Cells | undefined {
    const row = this.#rows.get(key);
    if (row === undefined) return undefined;
    return (row.cells ??= decodeCells(row.text));
  }

  /**
   * Whether the row is stored with exactly the JSON text of `cells`; if so, `cells` stands for
   * its decoded text from now on (the same fields and values, in the same order).
   */
  holds(key: string, cells: Cells): boolean {
    const row = this.#rows.get(key);
    if (row === undefined || row.text !== encodeCells(cells)) return false;
    row.cells ??= cells;
    return true;
  }

  /** Every row in the order read, with its revision and cells (decoded now if need be). */
  forEachRow(callback: (key: string, revision: number, cells: Cells) => void): void {
    for (const [key, row] of this.#rows) callback(key, row.revision, (row.cells ??= decodeCells(row.text)));
  }

  /** Every row in the order read, with its revision and its JSON text as stored (nothing decoded). */
  forEachText(callback: (key: string, revision: number, text: string) => void): void {
    for (const [key, row] of this.#rows) callback(key, row.revision, row.text);
  }

  has(key: string): boolean {
    return this.#rows.has(key);
  }

  get size(): number {
    return this.#rows.size;
  }

  keys(): MapIterator<string> {
    return this.#rows.keys();
  }

  *values(): MapIterator<Cells> {
    for (const key of this.#rows.keys()) yield this.get(key)!;
  }

  *entries(): MapIterator<[string, Cells]> {
    for (const key of this.#rows.keys()) yield [key, this.get(key)!];
  }

  [Symbol.iterator](): MapIterator<[string, Cells]> {
    return this.entries();
  }

  forEach(callback: (value: Cells, key: string, map: ReadonlyMap<string, Cells>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

interface StoredRow {
  readonly text: string;
  readonly revision: number;
  cells: Cells | null;
}
