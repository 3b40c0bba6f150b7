import type { AccountOwner } from '../../../addin/auth/token-owner';
import { createSnapshotStore, type Snapshot } from '../../../addin/sync/snapshot-store';
import type { SheetRef } from '../../../addin/sync/sync-client';
import { MemoryStorage } from '../../fixtures/manual-timers';

const REF: SheetRef = { workspace: 'ops', workbook: 'wb', sheet: 'KPI' };
const ADMIN: AccountOwner = { tenantId: 't1', userId: 'admin' };
const ANALYST: AccountOwner = { tenantId: 't1', userId: 'analyst' };
const snap = (target: string): Snapshot => ({ kind: 'kpi', revision: 3, rows: new Map([['a', { name: 'A', target }]]) });

/** The last-synced sheet copies (issue 19, item 10): the signed-in account's own, and gone at sign-out. */
describe('snapshots keyed by tenant and user', () => {
  it('never gives one account another account’s copy, in memory or after a reload', () => {
    const storage = new MemoryStorage();
    let who: AccountOwner | null = ADMIN;
    const store = createSnapshotStore(storage, 'p', () => who);
    store.set(REF, snap('admin saw this'));
    who = ANALYST;
    expect(store.get(REF)).toBeNull();
    store.set(REF, snap('analyst saw this'));
    who = ADMIN;
    expect(store.get(REF)?.rows.get('a')).toEqual({ name: 'A', target: 'admin saw this' });
    // A reload (a new store over the same storage) keeps them apart too.
    const reloaded = createSnapshotStore(storage, 'p', () => ANALYST);
    expect(reloaded.get(REF)?.rows.get('a')).toEqual({ name: 'A', target: 'analyst saw this' });
    // The same user id in another tenant is another account.
    expect(createSnapshotStore(storage, 'p', () => ({ tenantId: 't2', userId: 'admin' })).get(REF)).toBeNull();
  });

  it('clears every copy of an account at sign-out, from memory and storage, and no other account’s', () => {
    const storage = new MemoryStorage();
    let who: AccountOwner | null = ADMIN;
    const store = createSnapshotStore(storage, 'p', () => who);
    store.set(REF, snap('1'));
    store.set({ ...REF, sheet: 'Plan' }, snap('2'));
    who = ANALYST;
    store.set(REF, snap('3'));
    store.clearOwner(ADMIN);
    who = ADMIN;
    expect(store.get(REF)).toBeNull();
    expect(store.get({ ...REF, sheet: 'Plan' })).toBeNull();
    expect([...storage.items.keys()].some((k) => k.includes('"admin"'))).toBe(false);
    who = ANALYST;
    expect(store.get(REF)).not.toBeNull();
  });

  it('keeps nothing while nobody is signed in', () => {
    const storage = new MemoryStorage();
    const store = createSnapshotStore(storage, 'p', () => null);
    store.set(REF, snap('x'));
    expect(store.get(REF)).toBeNull();
    expect(storage.items.size).toBe(0);
  });
});
