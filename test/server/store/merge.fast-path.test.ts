import fc from 'fast-check';
import type { CellValue } from '../../../shared/table/grid';
import type { Cells } from '../../../server/store/json-cells';
import { inKeyOrder, mergePush, sortedByKey, type MergeInput, type RowEffect } from '../../../server/store/merge';
import type { SyncRow } from '../../../server/store/store-types';

/**
 * A push onto a sheet with no live rows and nothing changed since base takes a path of its
 * own (sort, then one pass). It must answer exactly what the general merge answers. An atBase
 * entry `key → null` says only "no row at base", which an absent entry says as well, so
 * adding some forces the general path without changing the question.
 */

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
// Few keys, so that pushes repeat them; some differ only past a common prefix, or in the order
// `<` and code points disagree on (a surrogate pair sorts before U+FFFF by code units).
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'ab', 'a\u001fb', 'a\u001f', '', 'B', 'é', '\u{1F600}', '\uffff', '\ud800', '部门1', '部门10', '部门9'),
  fc.string({ unit: codeUnit, maxLength: 4 }),
);
const field = fc.constantFrom('a', 'b', 'c', 'constructor', '__proto__', 'toString', '1', '0');
const value: fc.Arbitrary<CellValue> = fc.constantFrom<CellValue>(null, 0, 1, 0.1, 'x', '', '},{', true, false);

/** Cells as the route has them, parsed from JSON: a field named __proto__ is an own field. */
const cells: fc.Arbitrary<Cells> = fc
  .array(fc.tuple(field, value), { maxLength: 4 })
  .map((pairs) => JSON.parse(JSON.stringify(Object.fromEntries(pairs))) as Cells);

// Beyond 16 rows the sort buckets by code unit instead of inserting: sizes up to the maximum.
const rows: fc.Arbitrary<SyncRow[]> = fc.array(fc.record({ key, cells }), { maxLength: 60, size: 'max' });

function general(input: MergeInput, padKeys: readonly string[]): MergeInput {
  const atBase = new Map<string, Cells | null>(padKeys.map((k) => [k, null]));
  atBase.set('\u0000pad', null);
  return { ...input, atBase };
}

describe('mergePush on a sheet without rows', () => {
  it('answers exactly what the general merge answers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'full' | 'delta'>('full', 'delta'),
        rows,
        fc.array(key, { maxLength: 5 }),
        fc.array(key, { maxLength: 5 }),
        fc.option(fc.array(key, { maxLength: 5 }), { nil: undefined }),
        (mode, pushed, deletes, padKeys, unchangedKeys) => {
          const input: MergeInput = {
            mode,
            rows: pushed,
            deletes,
            current: new Map(),
            atBase: new Map(),
            ...(unchangedKeys === undefined ? {} : { unchanged: (k: string) => unchangedKeys.includes(k) }),
          };
          const fast = mergePush(input);
          const slow = mergePush(general(input, padKeys));
          expect(fast).toStrictEqual(slow);
          // Field order too: it is the order of the JSON text written.
          expect(fast.effects.map((e) => JSON.stringify(e))).toEqual(slow.effects.map((e) => JSON.stringify(e)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers the effects in key order by UTF-16 code units, each key once', () => {
    fc.assert(
      fc.property(rows, (pushed) => {
        const plan = mergePush({ mode: 'full', rows: pushed, deletes: [], current: new Map(), atBase: new Map() });
        const keys = plan.effects.map((e) => e.key);
        for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
        expect(new Set(keys)).toEqual(new Set(pushed.map((r) => r.key)));
      }),
      { numRuns: 1000 },
    );
  });

  it('creates unsorted rows in key order, a repeated key laid over in push order', () => {
    const pushed: SyncRow[] = [
      { key: 'c', cells: { n: 3 } },
      { key: 'a', cells: { x: 1, y: 1 } },
      { key: 'b', cells: { n: null } },
      { key: 'a', cells: { y: 2, z: 2 } },
      { key: 'a', cells: { x: null } },
    ];
    const plan = mergePush({ mode: 'delta', rows: pushed, deletes: ['a', 'zz'], current: new Map(), atBase: new Map() });
    expect(plan.conflicts).toEqual([]);
    expect(plan.effects.map((e) => [e.op, e.key, JSON.stringify(e.cells)])).toEqual([
      ['create', 'a', '{"x":null,"y":2,"z":2}'],
      ['create', 'b', '{"n":null}'],
      ['create', 'c', '{"n":3}'],
    ]);
    expect(plan.changedCells).toBe(3);
    // A row pushed once is taken as it is.
    expect(plan.effects[2]!.cells).toBe(pushed[0]!.cells);
  });

  it('takes rows already in key order as they are', () => {
    const pushed: SyncRow[] = Array.from({ length: 50 }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, cells: { i } }));
    const plan = mergePush({ mode: 'full', rows: pushed, deletes: [], current: new Map(), atBase: new Map() });
    expect(plan.effects.map((e) => e.key)).toEqual(pushed.map((r) => r.key));
    expect(plan.changedCells).toBe(50);
  });
});

describe('mergePush against live rows', () => {
  it('answers the effects in key order, deletes among the others', () => {
    const current = new Map<string, Cells>([
      ['b', { n: 1 }],
      ['d', { n: 1 }],
      ['a', { n: 1 }],
    ]);
    const plan = mergePush({
      mode: 'full',
      rows: [
        { key: 'e', cells: { n: 2 } },
        { key: 'b', cells: { n: 2 } },
        { key: 'c', cells: { n: 2 } },
      ],
      deletes: [],
      current,
      atBase: new Map(),
    });
    expect(plan.effects.map((e) => `${e.op} ${e.key}`)).toEqual(['delete a', 'update b', 'create c', 'delete d', 'create e']);
  });
});

describe('sortedByKey', () => {
  // Keys over a small alphabet share long prefixes and repeat, and come in every length.
  const alphabet = fc.constantFrom('a', 'b', '\u001f', '部', '\ud83d', '\ude00', '\uffff', '\u0000');
  const keys = fc.oneof(fc.string({ unit: alphabet, maxLength: 6 }), fc.string({ unit: codeUnit, maxLength: 3 }));
  const stable = <T extends { key: string }>(items: readonly T[]): T[] =>
    items.slice().sort((a, b) => (a.key < b.key ? -1 : b.key < a.key ? 1 : 0));

  it('orders as a stable sort comparing keys with < does', () => {
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 400, size: 'max' }), (ks) => {
        const items = ks.map((key, at) => ({ key, at }));
        expect(sortedByKey(items)).toEqual(stable(items));
        // A new array; the items' own order is left alone.
        expect(items.map((i) => i.at)).toEqual(ks.map((_, at) => at));
      }),
      { numRuns: 1500 },
    );
  });

  it('sorts 20k natural-like keys, shared prefixes and repeats included', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ key: `2024-0${i % 3}\u001f部门${(i * 7919) % 997}\u001f指标${i % 13}`, at: i }));
    // As one string: a difference between two 20k-item arrays takes jest minutes to print.
    expect(sortedByKey(items).map((i) => i.at).join()).toBe(stable(items).map((i) => i.at).join());
  });
});

describe('inKeyOrder', () => {
  const create = (key: string): RowEffect => ({ op: 'create', key, cells: {} });
  it('checks effects that are not a plan\'s', () => {
    expect(inKeyOrder([create('a'), create('b')])).toBe(true);
    expect(inKeyOrder([create('b'), create('a')])).toBe(false);
    expect(inKeyOrder([create('a'), create('a')])).toBe(false);
    expect(inKeyOrder([])).toBe(true);
  });
  it('knows a plan\'s', () => {
    const rows: SyncRow[] = [
      { key: 'b', cells: { n: 1 } },
      { key: 'a', cells: {} },
    ];
    const plan = mergePush({ mode: 'delta', rows, deletes: [], current: new Map(), atBase: new Map() });
    expect(inKeyOrder(plan.effects)).toBe(true);
  });
});
