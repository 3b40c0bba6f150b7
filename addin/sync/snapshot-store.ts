import { z } from 'zod';
import { CellsSchema } from '../../shared/api/cells';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import type { KeyedRows } from './delta';
import type { KeyValueStorage } from './offline-queue';
import type { Cells } from './sheet-rows';
import type { SheetRef } from './sync-client';

/**
 * The last synced state of each sheet: what a delta is computed against and what a pull merges
 * into. Kept in memory, and in localStorage when it fits, so a delta survives closing the pane.
 * A snapshot that cannot be stored or read only costs a bigger push (a full comparison against
 * the service's rows), never a wrong one.
 */

export interface Snapshot {
  readonly kind: SheetKind;
  readonly revision: number;
  readonly rows: KeyedRows;
}

export interface SnapshotStore {
  get(ref: SheetRef): Snapshot | null;
  set(ref: SheetRef, snapshot: Snapshot): void;
  forget(ref: SheetRef): void;
}

const StoredSchema = z.object({
  v: z.literal(1),
  kind: z.enum(SHEET_KINDS),
  revision: z.number().int().nonnegative(),
  rows: z.array(z.tuple([z.string(), CellsSchema])),
});

function storageKey(prefix: string, ref: SheetRef): string {
  return `${prefix}:snapshot:${JSON.stringify([ref.workspace, ref.workbook, ref.sheet])}`;
}

export function createSnapshotStore(storage: KeyValueStorage | null, prefix = 'ops-scorecard'): SnapshotStore {
  const memory = new Map<string, Snapshot>();
  return {
    get(ref) {
      const key = storageKey(prefix, ref);
      const held = memory.get(key);
      if (held) return held;
      if (!storage) return null;
      try {
        const text = storage.getItem(key);
        if (text === null) return null;
        const parsed = StoredSchema.safeParse(JSON.parse(text));
        if (!parsed.success) return null;
        const snapshot: Snapshot = {
          kind: parsed.data.kind,
          revision: parsed.data.revision,
          rows: new Map<string, Cells>(parsed.data.rows),
        };
        memory.set(key, snapshot);
        return snapshot;
      } catch {
        return null;
      }
    },
    set(ref, snapshot) {
      const key = storageKey(prefix, ref);
      memory.set(key, snapshot);
      if (!storage) return;
      try {
        storage.setItem(key, JSON.stringify({ v: 1, kind: snapshot.kind, revision: snapshot.revision, rows: [...snapshot.rows] }));
      } catch {
        // Over quota: drop the stale stored copy so a reload does not diff against it.
        try {
          storage.removeItem(key);
        } catch {
          /* storage unusable: memory only */
        }
      }
    },
    forget(ref) {
      const key = storageKey(prefix, ref);
      memory.delete(key);
      try {
        storage?.removeItem(key);
      } catch {
        /* nothing stored */
      }
    },
  };
}
