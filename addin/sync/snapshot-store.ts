import { z } from 'zod';
import { CellsSchema } from '../../shared/api/cells';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import { ownerKey, type AccountOwner } from '../auth/token-owner';
import type { KeyedRows } from './delta';
import type { KeyValueStorage } from './queue-storage';
import type { Cells } from './sheet-rows';
import type { SheetRef } from './sync-client';

/**
 * The last synced state of each sheet: what a delta is computed against and what a pull merges
 * into. Kept in memory, and in localStorage when it fits, so a delta survives closing the pane.
 * A snapshot that cannot be stored or read only costs a bigger push (a full comparison against
 * the service's rows), never a wrong one.
 *
 * Snapshots are the signed-in account's own: keyed by tenant and user, so the next user of the
 * same pane never computes a delta against what another account saw (a masked user sees other
 * values than an unmasked one), and cleared when that account signs out. Nobody signed in:
 * nothing is kept.
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
  /** Sign-out: every snapshot of this account, in memory and in storage. */
  clearOwner(owner: AccountOwner): void;
}

const StoredSchema = z.object({
  v: z.literal(1),
  kind: z.enum(SHEET_KINDS),
  revision: z.number().int().nonnegative(),
  rows: z.array(z.tuple([z.string(), CellsSchema])),
});
const IndexSchema = z.array(z.string());

export function createSnapshotStore(storage: KeyValueStorage | null, prefix: string, owner: () => AccountOwner | null): SnapshotStore {
  const memory = new Map<string, Snapshot>();
  const ownerPrefix = (o: AccountOwner) => `${prefix}:snapshot:${ownerKey(o)}`;
  const indexKey = (o: AccountOwner) => `${prefix}:snapshots:${ownerKey(o)}`;
  const keyOf = (ref: SheetRef): { key: string; who: AccountOwner } | null => {
    const who = owner();
    return who === null ? null : { key: `${ownerPrefix(who)}:${JSON.stringify([ref.workspace, ref.workbook, ref.sheet])}`, who };
  };

  function readIndex(o: AccountOwner): string[] {
    try {
      const parsed = IndexSchema.safeParse(JSON.parse(storage?.getItem(indexKey(o)) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }
  function remember(o: AccountOwner, key: string): void {
    const index = readIndex(o);
    if (index.includes(key)) return;
    storage?.setItem(indexKey(o), JSON.stringify([...index, key]));
  }
  function remove(key: string): void {
    memory.delete(key);
    try {
      storage?.removeItem(key);
    } catch {
      /* nothing stored */
    }
  }

  return {
    get(ref) {
      const at = keyOf(ref);
      if (at === null) return null;
      const held = memory.get(at.key);
      if (held) return held;
      if (!storage) return null;
      try {
        const text = storage.getItem(at.key);
        if (text === null) return null;
        const parsed = StoredSchema.safeParse(JSON.parse(text));
        if (!parsed.success) return null;
        const snapshot: Snapshot = { kind: parsed.data.kind, revision: parsed.data.revision, rows: new Map<string, Cells>(parsed.data.rows) };
        memory.set(at.key, snapshot);
        return snapshot;
      } catch {
        return null;
      }
    },
    set(ref, snapshot) {
      const at = keyOf(ref);
      if (at === null) return;
      memory.set(at.key, snapshot);
      if (!storage) return;
      try {
        // The index first: a snapshot stored is always one that sign-out can find.
        remember(at.who, at.key);
        storage.setItem(at.key, JSON.stringify({ v: 1, kind: snapshot.kind, revision: snapshot.revision, rows: [...snapshot.rows] }));
      } catch {
        // Over quota: drop the stale stored copy so a reload does not diff against it.
        remove(at.key);
        memory.set(at.key, snapshot);
      }
    },
    forget(ref) {
      const at = keyOf(ref);
      if (at !== null) remove(at.key);
    },
    clearOwner(o) {
      const mine = ownerPrefix(o);
      for (const key of [...memory.keys()]) if (key.startsWith(`${mine}:`)) memory.delete(key);
      for (const key of readIndex(o)) remove(key);
      remove(indexKey(o));
    },
  };
}
