import { z } from 'zod';
import { PushBodySchema, type PushBody } from '../../shared/api/sync';
import type { AccountOwner } from '../auth/token-owner';
import type { SheetRef } from './sync-client';

/**
 * How the offline queue is kept in localStorage, and the storage shape itself. Version 2: every
 * entry carries its owner (tenant, user id, and a name to show). A version-1 entry (no owner)
 * is kept too, as ownerless: it is never sent under anyone's account, and can be discarded.
 */

/** localStorage's shape, so tests and hosts without it can pass their own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Who queued a push: the account it may be sent under, and nobody else's. */
export interface QueueOwner extends AccountOwner {
  /** What the pane shows ("waiting for ann@contoso.com to sign in"). */
  readonly name: string;
}

/** `previous`: the revision the push before it (same sheet, same queue) produced. */
export type QueuedBase = number | null | 'previous';

export interface QueuedPush {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly ref: SheetRef;
  readonly body: PushBody;
  readonly base: QueuedBase;
  readonly enqueuedAt: number;
  /** null only for an entry stored before owners were recorded: never sent. */
  readonly owner: QueueOwner | null;
}

const Entry = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  ref: z.object({ workspace: z.string(), workbook: z.string(), sheet: z.string() }),
  body: PushBodySchema,
  base: z.union([z.number().int().nonnegative(), z.null(), z.literal('previous')]),
  enqueuedAt: z.number(),
});
const Owner = z.object({ tenantId: z.string().min(1), userId: z.string().min(1), name: z.string() });

const StoredSchema = z.discriminatedUnion('v', [
  z.object({ v: z.literal(1), entries: z.array(Entry) }),
  z.object({ v: z.literal(2), entries: z.array(Entry.extend({ owner: Owner })) }),
]);

/** The stored owner of an ownerless entry: no tenant id can be "-", so it matches no account. */
const NOBODY: QueueOwner = { tenantId: '-', userId: '-', name: '' };

export function loadQueue(storage: KeyValueStorage | null, key: string): QueuedPush[] {
  if (!storage) return [];
  try {
    const text = storage.getItem(key);
    if (text === null) return [];
    const parsed = StoredSchema.safeParse(JSON.parse(text));
    // Unreadable storage (a future version, hand-edited) is dropped rather than half-trusted.
    if (!parsed.success) return [];
    if (parsed.data.v === 1) return parsed.data.entries.map((e) => ({ ...e, owner: null }));
    return parsed.data.entries.map((e) => ({ ...e, owner: e.owner.tenantId === NOBODY.tenantId ? null : e.owner }));
  } catch {
    return [];
  }
}

/** true when the queue is in storage now. */
export function saveQueue(storage: KeyValueStorage | null, key: string, entries: readonly QueuedPush[]): boolean {
  if (!storage) return false;
  try {
    if (entries.length === 0) storage.removeItem(key);
    // Ownerless (version-1) entries stay as they are until discarded: stored with an owner of
    // nobody, so that they can never match a signed-in account.
    else storage.setItem(key, JSON.stringify({ v: 2, entries: entries.map((e) => ({ ...e, owner: e.owner ?? NOBODY })) }));
    return true;
  } catch {
    // Quota exceeded or storage refused: keep going in memory, and say so in the state.
    return false;
  }
}

/** The page's localStorage when it can be used; null where it throws (private modes, some hosts). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!storage) return null;
    const probe = '__ops_scorecard_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
