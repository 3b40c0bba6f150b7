import fc from 'fast-check';
import type { CellValue } from '../../../shared/table/grid';
import { encodeCells, type Cells } from '../../../server/store/json-cells';
import type { RowEffect } from '../../../server/store/merge';
import { encodeEach } from '../../../server/store/write-plan';

/** The texts a merge plan's effects are written with: one batched JSON.stringify cut apart. */

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
// Strings made of the characters that delimit rows in the batch's text, and of anything else.
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom('}', ',', '{', '"', '\\', ':', '[', ']', 'a'), maxLength: 8 }),
  fc.string({ unit: codeUnit, maxLength: 6 }),
);
const value: fc.Arbitrary<CellValue> = fc.oneof(tricky, fc.constantFrom<CellValue>(null, true, false, 0, -1.5, 1e21, 5e-7));
const cells: fc.Arbitrary<Cells> = fc
  .array(fc.tuple(fc.oneof(tricky, fc.constantFrom('__proto__', '1')), value), { maxLength: 4 })
  .map((pairs) => JSON.parse(JSON.stringify(Object.fromEntries(pairs))) as Cells);
const effect: fc.Arbitrary<RowEffect> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), key: fc.string(), cells }),
  fc.record({ op: fc.constant('update' as const), key: fc.string(), cells, deltas: fc.constant([]) }),
  fc.record({ op: fc.constant('delete' as const), key: fc.string(), cells }),
);

const expected = (effects: readonly RowEffect[]): string[] => effects.map((e) => (e.op === 'delete' ? '{}' : encodeCells(e.cells)));

describe('encodeEach', () => {
  it('answers encodeCells of each effect (a delete: {})', () => {
    fc.assert(
      fc.property(fc.array(effect, { maxLength: 40 }), (effects) => {
        expect(encodeEach(effects)).toEqual(expected(effects));
      }),
      { numRuns: 3000 },
    );
  });

  it('across batches, some of which hold "},{" inside a string', () => {
    fc.assert(
      fc.property(fc.array(effect, { minLength: 250, maxLength: 800 }), (effects) => {
        expect(encodeEach(effects)).toEqual(expected(effects));
      }),
      { numRuns: 60 },
    );
  });

  it('empty rows, and a row whose string holds the separator', () => {
    const create = (c: Cells): RowEffect => ({ op: 'create', key: 'k', cells: c });
    const effects = [create({}), create({ a: '},{' }), create({}), create(Object.create(null) as Cells), create({ '},{': 1 })];
    expect(encodeEach(effects)).toEqual(['{}', '{"a":"},{"}', '{}', '{}', '{"},{":1}']);
    expect(encodeEach([create({}), create({})])).toEqual(['{}', '{}']);
    expect(encodeEach([])).toEqual([]);
  });
});
