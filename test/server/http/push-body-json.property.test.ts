import fc from 'fast-check';
import { PushBodySchema } from '../../../shared/api/sync';
import { SHEET_KINDS } from '../../../shared/kinds/sheet-kind';
import { ApiError } from '../../../server/http/api-error';
import { parseJsonBytes } from '../../../server/http/json-body';
import { validate } from '../../../server/http/validate';

// The push route's whole reading of a body — the byte reader (json-body.ts) and the schema's
// one-pass fast path (shared/api/sync.ts, cells.ts) — against the reference: a strict UTF-8
// decoder, JSON.parse and PushBodySchema parsed by zod alone. Bodies are written as JSON text
// token by token (so numbers, escapes, raw bytes and duplicate keys can be anything), valid
// or mutated byte by byte afterwards. Both must accept the same bodies with the same value, and
// refuse the same ones for the same reason.

type Outcome = { ok: true; value: unknown } | { ok: false; code: 'invalid-json' | 'validation' };

function ours(bytes: Buffer): Outcome {
  let value: unknown;
  try {
    value = parseJsonBytes(bytes);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'invalid-json') return { ok: false, code: 'invalid-json' };
    throw e;
  }
  const result = validate(PushBodySchema, value, 'body');
  if (result.ok) return { ok: true, value: result.value };
  expect(result.error.code).toBe('validation');
  return { ok: false, code: 'validation' };
}

function reference(bytes: Buffer): Outcome {
  let value: unknown;
  if (bytes.length === 0) {
    // The one deliberate difference from JSON.parse: an empty body reaches the schema as {}.
    value = {};
  } else {
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return { ok: false, code: 'invalid-json' };
    }
  }
  const parsed = PushBodySchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, code: 'validation' };
}

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a parsed JSON value holds a reserved key anywhere. */
function holdsReservedKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsReservedKey);
  return Object.keys(value).some((k) => RESERVED.has(k) || holdsReservedKey((value as Record<string, unknown>)[k]));
}

function agree(bytes: Buffer): void {
  const a = ours(bytes);
  const b = reference(bytes);
  expect(a.ok).toBe(b.ok);
  if (a.ok && b.ok) {
    expect(a.value).toStrictEqual(b.value);
    // toStrictEqual tells -0 from 0 already; the key order is what the request hash of a
    // replayed push is compared on, so it must match too.
    expect(JSON.stringify(a.value)).toBe(JSON.stringify(b.value));
  } else if (!a.ok && !b.ok) {
    expect(a.code).toBe(b.code);
  }
  // Reserved keys, at any depth, are refused whatever else the body holds.
  if (a.ok) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '') || '{}');
    } catch {
      parsed = undefined;
    }
    expect(holdsReservedKey(parsed)).toBe(false);
  }
}

// --- JSON text, token by token ------------------------------------------------------------

/** A JSON text as pieces: strings of text, or raw bytes (to carry invalid UTF-8). */
type Piece = string | Buffer;
const join = (pieces: readonly Piece[]): Buffer => Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));

const numberToken = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)) },
  { weight: 3, arbitrary: fc.constantFrom('-0', '0', '-0.0', '0e0', '1E+2', '1e400', '-1e400', '1e-400', '9007199254740993', '123456789012345678901234567890', '0.1', '5e-324') },
  // Not JSON: leading zeros, bare signs and dots, hex, NaN.
  { weight: 1, arbitrary: fc.constantFrom('012', '-', '+1', '.5', '1.', '0x1A', 'NaN', 'Infinity', '1e', '--1') },
);

/** String contents: plain text, escapes of every kind, raw control characters and raw non-UTF-8 bytes. */
const stringPart: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s).slice(1, -1)) },
  { weight: 2, arbitrary: fc.constantFrom('指标', '转化率 ≥3%', '😀', 'é') },
  { weight: 3, arbitrary: fc.constantFrom('\\u0000', '\\u001f', '\\ud800', '\\udc00', '\\ud83d\\ude00', '\\udc00\\ud800', '\\uFFFE', '\\n', '\\t', '\\"', '\\\\', '\\/', '\\u00e9') },
  // Not JSON inside a string: raw controls, bad escapes, bytes that are not UTF-8.
  {
    weight: 1,
    arbitrary: fc.constantFrom<Piece>('\u0001', '\n', '\\x41', '\\u12', '\\', Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc0, 0xaf])),
  },
);
const stringToken = (inner: fc.Arbitrary<Piece[]>): fc.Arbitrary<Piece[]> => inner.map((parts) => ['"', ...parts, '"']);
const anyString = stringToken(fc.array(stringPart, { maxLength: 4 }));
const keyOf = (name: string): Piece[] => [JSON.stringify(name)];

const fieldName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('name', 'target', 'weight', 'perspective', 'owner', 'formula', 'unit', 'Z_9') },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '1abc', '', 'a-b', 'x'.repeat(65)) },
).map(keyOf);
const anyKey = fc.oneof({ weight: 3, arbitrary: fieldName }, { weight: 1, arbitrary: anyString });

function object(entries: fc.Arbitrary<Piece[][]>): fc.Arbitrary<Piece[]> {
  return entries.map((list) => ['{', ...list.flatMap((e, i) => (i === 0 ? e : [',', ...e])), '}']);
}
function array(items: fc.Arbitrary<Piece[][]>): fc.Arbitrary<Piece[]> {
  return items.map((list) => ['[', ...list.flatMap((e, i) => (i === 0 ? e : [',', ...e])), ']']);
}

const nested: fc.Arbitrary<Piece[]> = fc.constantFrom<Piece[]>(['{}'], ['[]'], ['{"a":1}'], ['[1,[2]]'], ['{"__proto__":{"x":1}}'], ['{"constructor":{"prototype":{}}}']);
const cellValue: fc.Arbitrary<Piece[]> = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 4, arbitrary: numberToken.map((n) => [n]) },
  { weight: 2, arbitrary: fc.constantFrom<Piece[]>(['true'], ['false'], ['null']) },
  { weight: 1, arbitrary: nested },
);
const cells = object(fc.array(fc.tuple(fieldName, cellValue).map(([k, v]) => [...k, ':', ...v]), { maxLength: 5 }));
const rowEntry = fc.oneof(
  { weight: 12, arbitrary: cells.map((c) => ['"cells":', ...c]) },
  { weight: 1, arbitrary: fc.tuple(anyKey, cellValue).map(([k, v]) => [...k, ':', ...v]) },
);
const row = object(fc.array(rowEntry, { minLength: 1, maxLength: 2 }));
const deletes = array(fc.array(fc.oneof({ weight: 4, arbitrary: anyString }, { weight: 1, arbitrary: numberToken.map((n) => [n]) }), { maxLength: 3 }));

const topEntry = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SHEET_KINDS, 'KPI', '').map((k) => ['"kind":', JSON.stringify(k)]) },
  { weight: 4, arbitrary: fc.constantFrom('full', 'delta', 'FULL').map((m) => ['"mode":', JSON.stringify(m)]) },
  { weight: 4, arbitrary: array(fc.array(row, { maxLength: 4 })).map((r) => ['"rows":', ...r]) },
  { weight: 2, arbitrary: deletes.map((d) => ['"deletes":', ...d]) },
  { weight: 1, arbitrary: fc.tuple(anyKey, cellValue).map(([k, v]) => [...k, ':', ...v]) },
);

/** Mostly well-formed push bodies: the required keys first, in any order, then odd extras (duplicates included). */
const pushBody: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.constantFrom(...SHEET_KINDS),
    fc.constantFrom('full', 'delta'),
    array(fc.array(row, { maxLength: 4 })),
    fc.array(topEntry, { maxLength: 2 }),
    fc.constantFrom('', ' ', '\n\t', '\uFEFF'),
  )
  .map(([kind, mode, rows, extra, lead]) =>
    join([lead, '{', `"kind":${JSON.stringify(kind)},"mode":${JSON.stringify(mode)},"rows":`, ...rows, ...extra.flatMap((e) => [',', ...e]), '}']),
  );

const MUTATION_BYTES = [...'{}[],:"\\ 0-+.eE/tfnu\u0000'].map((c) => c.charCodeAt(0)).concat([0x80, 0xbf, 0xc3, 0xed, 0xef, 0xff]);

/** One to three byte-level edits: delete, insert a JSON-significant or non-UTF-8 byte, replace, repeat a span, cut the end. */
const mutated: fc.Arbitrary<Buffer> = fc
  .tuple(pushBody, fc.array(fc.tuple(fc.nat({ max: 4 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(...MUTATION_BYTES), fc.nat({ max: 12 })), { minLength: 1, maxLength: 3 }))
  .map(([body, edits]) => {
    let b = body;
    for (const [op, where, byte, span] of edits) {
      const at = Math.floor(where * (b.length + 1));
      if (op === 0) b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
      else if (op === 1) b = Buffer.concat([b.subarray(0, at), Buffer.from([byte]), b.subarray(at)]);
      else if (op === 2 && at < b.length) b = Buffer.concat([b.subarray(0, at), Buffer.from([byte]), b.subarray(at + 1)]);
      else if (op === 3) b = Buffer.concat([b.subarray(0, at + span), b.subarray(at, at + span), b.subarray(at + span)]);
      else b = b.subarray(0, at);
    }
    return b;
  });

describe('a push body read by the route agrees with JSON.parse + zod', () => {
  it('on generated bodies (valid, odd and wrong tokens)', () => {
    fc.assert(fc.property(pushBody, agree), { numRuns: 3000, seed: 0x5eed });
  });

  it('on bodies mutated byte by byte', () => {
    fc.assert(fc.property(mutated, agree), { numRuns: 3000, seed: 0x5eed + 1 });
  });

  it('accepts a good share of the generated bodies (the comparison is not only of refusals)', () => {
    const sample = fc.sample(pushBody, { numRuns: 500, seed: 7 });
    const accepted = sample.filter((b) => ours(b).ok).length;
    // About a fifth: most bodies carry at least one wrong token somewhere, on purpose.
    expect(accepted).toBeGreaterThan(50);
  });

  it.each([
    ['-0 in a cell is 0', '{"kind":"kpi","mode":"full","rows":[{"cells":{"weight":-0}}]}', true],
    ['1e-400 is 0', '{"kind":"kpi","mode":"full","rows":[{"cells":{"weight":1e-400}}]}', true],
    ['an integer past 2^53 is the nearest double', '{"kind":"kpi","mode":"full","rows":[{"cells":{"weight":9007199254740993}}]}', true],
    ['1e400 is refused (not finite)', '{"kind":"kpi","mode":"full","rows":[{"cells":{"weight":1e400}}]}', false],
    ['a leading zero is not JSON', '{"kind":"kpi","mode":"full","rows":[{"cells":{"weight":01}}]}', false],
    ['\\u0000 in a cell is refused', '{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"a\\u0000"}}]}', false],
    ['a lone surrogate in a cell is refused', '{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"\\ud800"}}]}', false],
    ['a lone surrogate in a delete key is kept (keys are compared, never stored)', '{"kind":"kpi","mode":"delta","rows":[],"deletes":["\\ud800"]}', true],
    ['__proto__ at the top', '{"kind":"kpi","mode":"full","rows":[],"__proto__":{}}', false],
    ['__proto__ in a row', '{"kind":"kpi","mode":"full","rows":[{"cells":{},"__proto__":{}}]}', false],
    ['__proto__ in cells', '{"kind":"kpi","mode":"full","rows":[{"cells":{"__proto__":"x"}}]}', false],
    ['constructor in cells', '{"kind":"kpi","mode":"full","rows":[{"cells":{"constructor":"x"}}]}', false],
    ['prototype at the top', '{"kind":"kpi","mode":"full","rows":[],"prototype":1}', false],
    ['two "kind" keys: the last wins, as JSON.parse and the schema see it', '{"kind":"kpi","mode":"full","rows":[],"kind":"gantt"}', true],
    ['two equal cell names: the last wins', '{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"a","name":"b"}}]}', true],
  ])('%s', (_label, text, accepted) => {
    const bytes = Buffer.from(text, 'utf8');
    agree(bytes);
    expect(ours(bytes).ok).toBe(accepted);
  });

  it('says what wins for duplicate keys: the last one', () => {
    const result = ours(Buffer.from('{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"a","name":"b"}}],"kind":"gantt"}'));
    expect(result).toEqual({ ok: true, value: { kind: 'gantt', mode: 'full', rows: [{ cells: { name: 'b' } }], deletes: [] } });
  });

  it('refuses invalid UTF-8 in a cell instead of reading U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"'), Buffer.from([0xe6, 0x8c]), Buffer.from('"}}]}')]);
    expect(ours(bytes)).toEqual({ ok: false, code: 'invalid-json' });
    agree(bytes);
  });

  it('refuses 100,000 nested arrays in a cell as the schema does, without running out of stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const bytes = Buffer.from(`{"kind":"kpi","mode":"full","rows":[{"cells":{"name":${deep}}}]}`);
    expect(ours(bytes)).toEqual({ ok: false, code: 'validation' });
    agree(bytes);
  });
});
