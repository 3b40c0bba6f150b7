import { payloadOf, rowAtBase, type LogEntry } from './change-log';
import type { Cells } from './json-cells';
import type { RowEffect } from './merge';
import type { SheetState } from './sheet-state';
import { StoredRows } from './stored-rows';

/** A row as sheet_rows holds it (tombstones included). */
export interface KeyRow {
  readonly text: string;
  readonly revision: number;
  readonly deleted: boolean;
}

export interface KeyLogEntry extends LogEntry {
  readonly key: string;
}

/**
 * The rows of one sheet that a group of delta pushes names, and their log entries after the
 * oldest base among them, read once under the sheet's lock and then carried forward in memory
 * as each push of the group is merged: push n sees exactly what it would have read had the
 * pushes before it been committed one by one (their rows, their log entries), which is what
 * sheet-state.ts's loadSheetState answers for a delta push. What the group writes is gathered
 * here too, to be written in one statement (pg-push-statements.ts's writeGroup).
 */
export class GroupSheet {
  readonly #rows = new Map<string, KeyRow>();
  readonly #log = new Map<string, LogEntry[]>();
  /** Each key's final row after the group (what sheet_rows gets: one upsert per key). */
  readonly #written = new Map<string, KeyRow>();
  /** Every log entry the group adds, in the order made. */
  readonly changes: KeyLogEntry[] = [];

  /** `since`: the oldest base revision among the pushes; entries after it were read. */
  constructor(
    rows: ReadonlyMap<string, KeyRow>,
    log: readonly KeyLogEntry[],
    private readonly since: number,
  ) {
    for (const [key, row] of rows) this.#rows.set(key, row);
    for (const entry of log) this.#addLog(entry.key, entry);
  }

  /** The merge's view for a delta push of `keys` from `base` (base ≥ since). */
  stateFor(keys: readonly string[], base: number): SheetState {
    if (base < this.since) throw new Error(`group sheet: base ${base} is older than what was read (${this.since})`);
    const current = new StoredRows();
    const atBase = new Map<string, Cells | null>();
    const changed: string[] = [];
    for (const key of keys) {
      const row = this.#rows.get(key);
      if (row === undefined) continue;
      if (!row.deleted) current.add(key, row.text, row.revision);
      if (row.revision > base) changed.push(key);
    }
    for (const key of changed) atBase.set(key, rowAtBase(current.get(key) ?? null, base, this.#log.get(key) ?? []));
    return { current, atBase };
  }

  /** One push's effects (in key order, with the texts written) as revision `revision`. */
  apply(ordered: readonly RowEffect[], cellsJson: readonly string[], revision: number): void {
    for (let i = 0; i < ordered.length; i++) {
      const effect = ordered[i]!;
      const text = cellsJson[i]!;
      const row: KeyRow = { text, revision, deleted: effect.op === 'delete' };
      this.#rows.set(effect.key, row);
      this.#written.set(effect.key, row);
      const entry: KeyLogEntry = { key: effect.key, revision, op: effect.op, payload: payloadOf(effect, text) };
      this.#addLog(effect.key, entry);
      this.changes.push(entry);
    }
  }

  /** The rows to upsert: each key once, as the group left it. */
  writtenRows(): { readonly keys: string[]; readonly texts: string[]; readonly revisions: number[]; readonly deleted: number[] } {
    const out = { keys: [] as string[], texts: [] as string[], revisions: [] as number[], deleted: [] as number[] };
    for (const [key, row] of this.#written) {
      out.keys.push(key);
      out.texts.push(row.text);
      out.revisions.push(row.revision);
      out.deleted.push(row.deleted ? 1 : 0);
    }
    return out;
  }

  #addLog(key: string, entry: LogEntry): void {
    const list = this.#log.get(key);
    if (list) list.push(entry);
    else this.#log.set(key, [entry]);
  }
}
