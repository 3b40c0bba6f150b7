import fc from 'fast-check';
import type { Cells } from '../../../server/store/json-cells';
import { mergePush } from '../../../server/store/merge';
import type { PullResult, Store, SyncRow } from '../../../server/store/store-types';
import type { CellValue } from '../../../shared/table/grid';
import { databaseFactories, type TestDatabase } from '../../fixtures/databases';
import { freshRef, pushRequest } from './helpers';

/**
 * A push that read the whole sheet may answer the sheet as it left it (`sheet` on an applied
 * result), which the route checks instead of pulling it back. It must be exactly what
 * pull(ref, 0) reads right after: the same rows, cells (fields in the same order), revisions,
 * and the same key order. And the merge's `unchanged` shortcut (rows pushed as stored) must
 * never change a plan.
 */

const FIELDS = ['a', 'b', 'c'];
// Keys whose UTF-16 and UTF-8 orders differ (an astral character against U+E000–U+FFFF) are
// among them: there the store must pull instead of guessing.
const KEYS = ['k0', 'k1', 'K2', 'k 3', 'ä4', '指标5', 'k\uff616', 'k\u{1f600}7'];
const value: fc.Arbitrary<CellValue> = fc.constantFrom<CellValue>(null, 0, 1, 0.1, -2.5, 'x', 'y', '', true, false, '华东');
const cells: fc.Arbitrary<Cells> = fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 3 });
const rows = (keys: readonly string[]): fc.Arbitrary<SyncRow[]> =>
  fc.uniqueArray(fc.record({ key: fc.constantFrom(...keys), cells }), { selector: (r) => r.key, maxLength: keys.length });

interface Step {
  readonly mode: 'full' | 'delta';
  /** How many revisions behind the current one the push starts from (stale pushes merge). */
  readonly behind: number;
  readonly rows: SyncRow[];
  readonly deletes: string[];
  /** Re-push rows of the current sheet unchanged (the text-equality shortcut). */
  readonly repeat: boolean;
}

const step = (keys: readonly string[]): fc.Arbitrary<Step> =>
  fc.record({
    mode: fc.constantFrom<'full' | 'delta'>('full', 'delta'),
    behind: fc.nat(2),
    rows: rows(keys),
    deletes: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 2 }),
    repeat: fc.boolean(),
  });

describe.each(databaseFactories)('the sheet a push answers, on $name', (factory) => {
  let db: TestDatabase;
  let store: Store;
  let compared = 0;

  beforeAll(async () => {
    db = await factory.create();
    store = await db.openStore();
  });
  afterAll(() => db.dispose());

  async function checkSequence(first: SyncRow[], steps: readonly Step[]): Promise<void> {
    const ref = freshRef();
    const created = await store.push(pushRequest(ref, { rows: first }));
    if (created.status !== 'applied') throw new Error(created.status);
    await expectSheet(created.sheet);
    let revision = created.outcome.revision;
    for (const s of steps) {
      let pushed = s.rows;
      if (s.repeat) {
        const now = await store.pull(ref, 0);
        const mine = new Set(pushed.map((r) => r.key));
        pushed = [...pushed, ...(now?.rows ?? []).filter((r) => !mine.has(r.key)).map((r) => ({ key: r.key, cells: r.cells }))];
      }
      const result = await store.push(
        pushRequest(ref, { mode: s.mode, baseRevision: Math.max(1, revision - s.behind), rows: pushed, deletes: s.mode === 'delta' ? s.deletes : [] }),
      );
      if (result.status !== 'applied') throw new Error(result.status);
      revision = result.outcome.revision;
      if (s.mode === 'delta') expect(result.sheet).toBeUndefined();
      await expectSheet(result.sheet);
    }

    async function expectSheet(sheet: PullResult | undefined): Promise<void> {
      if (sheet === undefined) return;
      const pulled = await store.pull(ref, 0);
      compared += 1;
      expect(JSON.stringify(sheet)).toBe(JSON.stringify(pulled));
      expect(sheet).toEqual(pulled);
      // Plain objects, as JSON.parse gives them (the merge builds some without a prototype).
      for (const r of sheet.rows) expect(Object.getPrototypeOf(r.cells)).toBe(Object.prototype);
    }
  }

  it('is what pull(ref, 0) reads right after, through creates, updates, deletes, conflicts and unchanged rows', async () => {
    const bmp = KEYS.slice(0, -1);
    await fc.assert(
      fc.asyncProperty(rows(bmp), fc.array(step(bmp), { minLength: 1, maxLength: 4 }), (first, steps) => checkSequence(first, steps)),
      { numRuns: factory.name === 'sqlite' ? 60 : 20 },
    );
    expect(compared).toBeGreaterThan(factory.name === 'sqlite' ? 60 : 20);
  });

  it('is left out when a key outside the BMP would have to be ordered against others', async () => {
    await fc.assert(
      fc.asyncProperty(rows(KEYS), fc.array(step(KEYS), { minLength: 1, maxLength: 3 }), (first, steps) => checkSequence(first, steps)),
      { numRuns: factory.name === 'sqlite' ? 30 : 10 },
    );
    const ref = freshRef();
    const astral = await store.push(pushRequest(ref, { rows: [{ key: 'k\u{1f600}', cells: { a: 1 } }, { key: 'k\uff61', cells: { a: 2 } }] }));
    expect(astral.status === 'applied' && astral.sheet).toBeUndefined();
    // Nothing to order: the rows as read.
    const again = await store.push(pushRequest(ref, { baseRevision: 1, rows: [{ key: 'k\u{1f600}', cells: { a: 1 } }, { key: 'k\uff61', cells: { a: 2 } }] }));
    expect(again.status === 'applied' && again.sheet?.rows.map((r) => r.key)).toEqual(['k\uff61', 'k\u{1f600}']);
  });

  it('answers a key pushed twice as the store merged it', async () => {
    const ref = freshRef();
    const twice = await store.push(pushRequest(ref, { rows: [{ key: 'a', cells: { x: 1 } }, { key: 'a', cells: { y: 2 } }] }));
    expect(twice.status === 'applied' && twice.sheet).toEqual(await store.pull(ref, 0));
    expect(twice.status === 'applied' && twice.sheet && Object.getPrototypeOf(twice.sheet.rows[0]!.cells)).toBe(Object.prototype);
    const again = await store.push(pushRequest(ref, { baseRevision: 1, rows: [{ key: 'a', cells: { x: 1 } }, { key: 'a', cells: { y: 2 } }] }));
    expect(again.status === 'applied' && again.outcome.changedCells).toBe(0);
    expect(again.status === 'applied' && again.sheet && Object.getPrototypeOf(again.sheet.rows[0]!.cells)).toBe(Object.prototype);
  });

  it('answers the pushed cells for rows stored with the same text, and reads the others as stored', async () => {
    const ref = freshRef();
    await store.push(pushRequest(ref, { rows: [{ key: 'a', cells: { x: 1, y: 'one' } }, { key: 'b', cells: { x: 2, y: 'two', z: true } }] }));
    // Same values in another field order, and a row without its third field: stored as they were.
    const result = await store.push(pushRequest(ref, { baseRevision: 1, rows: [{ key: 'a', cells: { y: 'one', x: 1 } }, { key: 'b', cells: { x: 2, y: 'two' } }] }));
    expect(result.status === 'applied' && result.outcome.changedCells).toBe(0);
    expect(result.status === 'applied' && result.sheet).toEqual(await store.pull(ref, 0));
    expect(result.status === 'applied' && JSON.stringify(result.sheet?.rows.map((r) => r.cells))).toBe('[{"x":1,"y":"one"},{"x":2,"y":"two","z":true}]');
  });
});

describe('the merge shortcut for rows pushed exactly as stored', () => {
  const KEYS5 = ['k0', 'k1', 'k2', 'k3', 'k4'];
  const sheet = fc.dictionary(fc.constantFrom(...KEYS5), cells, { maxKeys: 5 }).map((o) => new Map(Object.entries(o)));
  const atBase = fc.dictionary(fc.constantFrom(...KEYS5), fc.option(cells, { nil: null }), { maxKeys: 5 }).map((o) => new Map(Object.entries(o)));

  it('never changes the plan', () => {
    fc.assert(
      fc.property(
        sheet,
        atBase,
        rows(KEYS5),
        fc.boolean(),
        fc.uniqueArray(fc.constantFrom(...KEYS5), { maxLength: 3 }),
        fc.array(fc.constantFrom(...KEYS5), { maxLength: 3 }),
        (current, base, pushed, full, deletes, copied) => {
          // Some pushed rows are copies of the live ones, so the shortcut has something to take.
          const withCopies = [...pushed, ...copied.flatMap((k) => (current.has(k) ? [{ key: k, cells: { ...current.get(k)! } }] : []))];
          const input = { mode: full ? ('full' as const) : ('delta' as const), rows: withCopies, deletes, current, atBase: base };
          const plain = mergePush(input);
          const shortcut = mergePush({ ...input, unchanged: (key, yours) => current.has(key) && JSON.stringify(current.get(key)) === JSON.stringify(yours) });
          expect(shortcut).toEqual(plain);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
