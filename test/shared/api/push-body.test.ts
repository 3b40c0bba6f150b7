import fc from 'fast-check';
import { isSafeText, matchesUnsafeText } from '../../../shared/api/cells';
import { fastParse } from '../../../shared/api/fast-parse';
import { PushBodySchema } from '../../../shared/api/sync';
import { SHEET_KINDS } from '../../../shared/kinds/sheet-kind';
import { validate } from '../../../server/http/validate';

/**
 * The push body's fast parser must agree with PushBodySchema: whenever it answers, zod accepts
 * the same input and builds the same value (field order included: the request hash is taken of
 * it); on valid JSON bodies it answers; on everything else zod decides and reports.
 */

// Code units that matter to the text check, among ordinary ones.
const unit = fc.oneof(
  fc.constantFrom('\u0000', '\u0008', '\t', '\n', '\u000b', '\r', '\u001f', ' ', '\u007f', 'a', '指', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\ufffd', '\ufffe', '\uffff'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const text = fc.string({ unit, maxLength: 12 });

const fieldName = fc.oneof(
  fc.constantFrom('name', 'target', 'weight', 'period', 'a', 'Z_9', 'constructor', 'prototype', '__proto__', 'toString', '1abc', '', 'a-b', 'x'.repeat(64), 'x'.repeat(65)),
  fc.string({ maxLength: 6 }),
);
const cellValue = fc.oneof(
  text,
  fc.double(),
  fc.constantFrom(0, -0, 1, 0.1, true, false, null, Number.NaN, Infinity, -Infinity),
  fc.constantFrom<unknown>({}, [], { a: 1 }, undefined, 'x'.repeat(32_768), 'x'.repeat(32_767)),
);
const cells = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fieldName, cellValue, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'cells', JSON.parse('{"__proto__": 1, "a": 2}'), Object.create(null), Object.assign(Object.create({ inherited: 1 }) as object, { a: 1 })) },
);
const row = fc.oneof({ weight: 8, arbitrary: fc.record({ cells }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>({}, { cells: {}, x: 1 }, null, []) });
const body = fc.record(
  {
    kind: fc.oneof(fc.constantFrom(...SHEET_KINDS), fc.constantFrom<unknown>('KPI', '', 1)),
    mode: fc.constantFrom<unknown>('full', 'delta', 'FULL', null),
    rows: fc.oneof({ weight: 8, arbitrary: fc.array(row, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, {}) }),
    deletes: fc.oneof(fc.array(fc.oneof(text, fc.constantFrom<unknown>('', 'k'.repeat(1024), 'k'.repeat(1025), 3)), { maxLength: 2 }), fc.constantFrom<unknown>(null, 'k')),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
);

// Valid bodies, as JSON carries them.
const validCells = fc.dictionary(
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,8}$/).filter((f) => f !== 'constructor' && f !== 'prototype'),
  fc.oneof(fc.string({ maxLength: 8 }).filter((s) => !matchesUnsafeText(s)), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
  { maxKeys: 5 },
);
const validBody = fc.record(
  {
    kind: fc.constantFrom(...SHEET_KINDS),
    mode: fc.constantFrom('full', 'delta'),
    rows: fc.array(fc.record({ cells: validCells }), { maxLength: 5 }),
    deletes: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 2 }),
  },
  { requiredKeys: ['kind', 'mode', 'rows'] },
);

function same(input: unknown): void {
  const fast = fastParse(PushBodySchema, input);
  const slow = PushBodySchema.safeParse(input);
  if (fast === undefined) return;
  expect(slow.success).toBe(true);
  expect(fast).toStrictEqual(slow.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
  // -0 became 0 on both sides (JSON.stringify cannot tell).
  for (const [i, r] of fast.rows.entries()) for (const [f, v] of Object.entries(r.cells)) expect(Object.is(v, slow.data!.rows[i]!.cells[f])).toBe(true);
}

describe('the push body fast parser', () => {
  it('never accepts what the schema refuses, and builds what the schema builds', () => {
    fc.assert(fc.property(body, same), { numRuns: 5000 });
  });

  it('answers for every valid JSON body, as zod would', () => {
    fc.assert(
      fc.property(validBody, (b) => {
        const input: unknown = JSON.parse(JSON.stringify(b));
        expect(fastParse(PushBodySchema, input)).toBeDefined();
        same(input);
      }),
      { numRuns: 2000 },
    );
  });

  it('checks text exactly as the schema\'s expression does', () => {
    fc.assert(fc.property(fc.string({ unit, maxLength: 20 }), (s) => expect(isSafeText(s)).toBe(!matchesUnsafeText(s))), { numRuns: 20_000 });
    for (const s of ['\ud800', '\udc00', 'a\ud800', '\udc00a', '\ud800\udc00', '\udc00\ud800', '\ud800\ud800\udc00', '\ufffe', '\u0000', '\t\n\r', '\u{1f600}x']) {
      expect(isSafeText(s)).toBe(!matchesUnsafeText(s));
    }
  });

  it('turns -0 into 0 and defaults deletes', () => {
    const parsed = fastParse(PushBodySchema, JSON.parse('{"kind":"kpi","mode":"full","rows":[{"cells":{"weight":-0}}]}'));
    expect(parsed).toEqual({ kind: 'kpi', mode: 'full', rows: [{ cells: { weight: 0 } }], deletes: [] });
    expect(Object.is(parsed?.rows[0]?.cells['weight'], 0)).toBe(true);
  });

  it('keeps parsed JSON rows that need no change as they are, and copies those that do', () => {
    const input = JSON.parse('{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"营收","weight":0.5}},{"cells":{"weight":-0}}]}') as {
      rows: { cells: object }[];
    };
    const parsed = fastParse(PushBodySchema, input)!;
    expect(parsed.rows[0]).toBe(input.rows[0]);
    expect(parsed.rows[1]!.cells).not.toBe(input.rows[1]!.cells);
    // An object with a prototype of its own is never passed through, even when its keys are fine.
    const inherited = Object.assign(Object.create({ extra: 1 }) as object, { name: 'x' });
    const copied = fastParse(PushBodySchema, { kind: 'kpi', mode: 'full', rows: [{ cells: inherited }] });
    if (copied !== undefined) expect(copied.rows[0]!.cells).not.toBe(inherited);
  });

  it.each([
    ['an object in a cell', '{"name":{"a":1}}', '/rows/1/cells/name', 'invalid_union'],
    ['an array in a cell', '{"name":[1]}', '/rows/1/cells/name', 'invalid_union'],
    ['a lone surrogate', '{"name":"a\\ud800"}', '/rows/1/cells/name', 'custom'],
    ['a control character', '{"name":"a\\u0001"}', '/rows/1/cells/name', 'custom'],
    ['__proto__', '{"__proto__":{"x":1},"name":"a"}', '/rows/1/cells/__proto__', 'invalid_key'],
    ['constructor', '{"constructor":1}', '/rows/1/cells/constructor', 'invalid_key'],
  ])('refuses %s with a 400 naming its path', (_what, cellsJson, path, code) => {
    const input: unknown = JSON.parse(`{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"ok"}},{"cells":${cellsJson}}]}`);
    const result = validate(PushBodySchema, input, 'body');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.status).toBe(400);
    expect(result.error.extra['errors']).toEqual([expect.objectContaining({ in: 'body', path, code })]);
  });

  it('refuses NaN and infinities (not JSON, but validate takes any value)', () => {
    for (const n of [Number.NaN, Infinity, -Infinity]) {
      const result = validate(PushBodySchema, { kind: 'kpi', mode: 'full', rows: [{ cells: { weight: n } }] }, 'body');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.extra['errors']).toEqual([expect.objectContaining({ path: '/rows/0/cells/weight' })]);
    }
  });
});
