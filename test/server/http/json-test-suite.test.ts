import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/api/problem';
import { ApiError } from '../../../server/http/api-error';
import { parseJsonBytes } from '../../../server/http/json-body';
import { defineRoute } from '../../../server/http/route';
import { databaseFactories } from '../../fixtures/databases';
import { BOSS, sheetPath, serviceOn, type Service } from '../../fixtures/service';
import { devTokens, testApp } from '../../fixtures/http-harness';

// The push route's JSON body reader against the JSONTestSuite's 318 parsing cases (vendored
// with their MIT licence in test/fixtures/json-test-suite, read as bytes) and against
// JSON.parse as the reference: every y_ document is parsed to exactly JSON.parse's value, every
// n_ document is refused with a 400 problem, and every i_ document gets the answer listed
// below (README, "What the readers are proven against").

const FOLDER = path.resolve(__dirname, '..', '..', 'fixtures', 'json-test-suite', 'test_parsing');
const FILES = readdirSync(FOLDER).filter((f) => f.endsWith('.json')).sort();
const bytesOf = (file: string): Buffer => readFileSync(path.join(FOLDER, file));

/**
 * The implementation-defined cases, and what the service does with each. Accepted means the
 * parser hands JSON.parse's value to the route's schema, which then refuses what it must
 * (infinite numbers, text with a lone surrogate).
 */
const I_VERDICTS: Readonly<Record<string, 'accept' | 'refuse'>> = {
  // Numbers: IEEE doubles, as JSON.parse reads them (overflow is ±Infinity, which every schema
  // refuses; underflow is 0; integers past 2^53 are rounded).
  'i_number_double_huge_neg_exp.json': 'accept',
  'i_number_huge_exp.json': 'accept',
  'i_number_neg_int_huge_exp.json': 'accept',
  'i_number_pos_double_huge_exp.json': 'accept',
  'i_number_real_neg_overflow.json': 'accept',
  'i_number_real_pos_overflow.json': 'accept',
  'i_number_real_underflow.json': 'accept',
  'i_number_too_big_neg_int.json': 'accept',
  'i_number_too_big_pos_int.json': 'accept',
  'i_number_very_big_negative_int.json': 'accept',
  // Escaped lone surrogates: well-formed JSON text; the value holds the lone surrogate, and cell
  // text and field names refuse it (CellValueSchema, FieldNameSchema).
  'i_object_key_lone_2nd_surrogate.json': 'accept',
  'i_string_1st_surrogate_but_2nd_missing.json': 'accept',
  'i_string_1st_valid_surrogate_2nd_invalid.json': 'accept',
  'i_string_incomplete_surrogate_and_escape_valid.json': 'accept',
  'i_string_incomplete_surrogate_pair.json': 'accept',
  'i_string_incomplete_surrogates_escape_valid.json': 'accept',
  'i_string_invalid_lonely_surrogate.json': 'accept',
  'i_string_invalid_surrogate.json': 'accept',
  'i_string_inverted_surrogates_U+1D11E.json': 'accept',
  'i_string_lone_second_surrogate.json': 'accept',
  // Bytes that are not UTF-8 (RFC 8259 §8.1): refused, never silently turned into U+FFFD.
  'i_string_UTF-16LE_with_BOM.json': 'refuse',
  'i_string_UTF-8_invalid_sequence.json': 'refuse',
  'i_string_UTF8_surrogate_U+D800.json': 'refuse',
  'i_string_invalid_utf-8.json': 'refuse',
  'i_string_iso_latin_1.json': 'refuse',
  'i_string_lone_utf8_continuation_byte.json': 'refuse',
  'i_string_not_in_unicode_range.json': 'refuse',
  'i_string_overlong_sequence_2_bytes.json': 'refuse',
  'i_string_overlong_sequence_6_bytes.json': 'refuse',
  'i_string_overlong_sequence_6_bytes_null.json': 'refuse',
  'i_string_truncated-utf-8.json': 'refuse',
  'i_string_utf16BE_no_BOM.json': 'refuse',
  'i_string_utf16LE_no_BOM.json': 'refuse',
  // Nesting is JSON.parse's (it is iterative: 100,000 levels parse, and the schema refuses).
  'i_structure_500_nested_arrays.json': 'accept',
  // One byte-order mark is skipped, as express.json did.
  'i_structure_UTF-8_BOM_empty_object.json': 'accept',
};

/**
 * The one n_ case the reader does not refuse itself, on purpose: an empty body (zero bytes) is
 * `{}`, as express.json made it, so that the route's schema names every missing field. No
 * route's schema accepts `{}`, so the service still answers it 400 (`validation`): see the
 * push-route test below.
 */
const EMPTY_BODY = 'n_structure_no_data.json';

type Verdict = { accepted: true; value: unknown } | { accepted: false; status: number; code: string };

function ours(bytes: Buffer): Verdict {
  try {
    return { accepted: true, value: parseJsonBytes(bytes) };
  } catch (e) {
    if (e instanceof ApiError) return { accepted: false, status: e.status, code: e.code };
    throw e;
  }
}

/** The reference: a strict UTF-8 decoder (BOM skipped) and JSON.parse. */
function reference(bytes: Buffer): { accepted: true; value: unknown } | { accepted: false } {
  try {
    return { accepted: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { accepted: false };
  }
}

const expectedAccept = (file: string): boolean =>
  file === EMPTY_BODY || (file.startsWith('y_') ? true : file.startsWith('n_') ? false : I_VERDICTS[file] === 'accept');

describe('the JSONTestSuite, vendored', () => {
  it('is all there, with its licence: 95 y_, 188 n_, 35 i_ cases', () => {
    const count = (prefix: string) => FILES.filter((f) => f.startsWith(prefix)).length;
    expect([count('y_'), count('n_'), count('i_')]).toEqual([95, 188, 35]);
    expect(FILES).toHaveLength(318);
    expect(readFileSync(path.join(FOLDER, '..', 'LICENSE'), 'utf8')).toContain('MIT License');
    // Every i_ case has a verdict, and only those.
    expect(Object.keys(I_VERDICTS).sort()).toEqual(FILES.filter((f) => f.startsWith('i_')));
  });
});

describe('parseJsonBytes against JSON.parse', () => {
  it.each(FILES)('%s', (file) => {
    const bytes = bytesOf(file);
    const verdict = ours(bytes);
    expect(verdict.accepted).toBe(expectedAccept(file));
    if (file === EMPTY_BODY) {
      expect(verdict).toEqual({ accepted: true, value: {} });
    } else if (verdict.accepted) {
      const ref = reference(bytes);
      expect(ref.accepted).toBe(true);
      // Exactly JSON.parse's value: Object.is on every leaf (-0 stays -0 here; the schema folds it).
      if (ref.accepted) expect(verdict.value).toStrictEqual(ref.value);
    } else {
      expect(verdict).toEqual({ accepted: false, status: 400, code: 'invalid-json' });
    }
  });

  it('refuses every document the strict reference refuses, and accepts every one it accepts', () => {
    const disagreements = FILES.filter((file) => ours(bytesOf(file)).accepted !== reference(bytesOf(file)).accepted);
    expect(disagreements).toEqual([EMPTY_BODY]);
  });

  it.each([
    ['an empty body is {} (the schema then names what is missing)', '', {}],
    ['a byte-order mark and an object', '\uFEFF{"a":1}', { a: 1 }],
    ['a scalar (the route schema decides)', '"text"', 'text'],
    ['the last of two equal keys, as JSON.parse and so the schema see it', '{"kind":"kpi","kind":"gantt"}', { kind: 'gantt' }],
    ['-0 as JSON.parse reads it', '[-0]', [-0]],
    ['1e400 as Infinity, 1e-400 as 0', '[1e400,-1e400,1e-400]', [Infinity, -Infinity, 0]],
    ['an integer past 2^53, rounded', '[9007199254740993]', [9007199254740992]],
    ['an escaped NUL and a lone surrogate (the schema refuses them in cells)', '["\\u0000","\\ud800"]', ['\u0000', '\ud800']],
    ['__proto__ as an own key, never the prototype', '{"__proto__":{"polluted":1}}', JSON.parse('{"__proto__":{"polluted":1}}') as unknown],
  ])('reads %s', (_label, text, expected) => {
    const value = parseJsonBytes(Buffer.from(text, 'utf8'));
    expect(value).toStrictEqual(expected);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['only a byte-order mark', Buffer.from([0xef, 0xbb, 0xbf])],
    ['only whitespace', Buffer.from(' \n')],
    ['two byte-order marks', Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x7b, 0x7d])],
    ['leading zeros', Buffer.from('[012]')],
    ['an invalid UTF-8 byte inside a string', Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d])],
    ['an encoded surrogate (CESU-8)', Buffer.from([0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d])],
    ['UTF-16 with its byte-order mark', Buffer.from('\uFEFF{}', 'utf16le')],
  ])('refuses %s', (_label, bytes) => {
    expect(ours(bytes)).toEqual({ accepted: false, status: 400, code: 'invalid-json' });
  });

  it('parses 100,000 nested arrays without running out of stack', () => {
    const deep = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(ours(deep).accepted).toBe(true);
    expect(ours(bytesOf('n_structure_100000_opening_arrays.json'))).toMatchObject({ accepted: false, status: 400 });
  });
});

// --- over HTTP --------------------------------------------------------------------------------

/** A route that takes any JSON value and answers it back: the reader alone, through the app. */
const echo = defineRoute({
  method: 'post',
  path: '/api/test/echo',
  operation: 'public',
  summary: 'any JSON value, answered back',
  body: z.unknown(),
  responses: { 200: { description: 'the value' } },
  handler: async ({ body }) => ({ json: { value: body } }),
});

function expectProblem(res: request.Response, code: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(ProblemSchema.parse(res.body)).toMatchObject({ status: 400, code });
  // Never the parser's message, never a stack.
  expect(res.text).not.toMatch(/Unexpected|position \d|\bat .+\.(?:ts|js):\d+/);
}

describe('every case through the app', () => {
  let app: ReturnType<typeof testApp>['app'];
  beforeAll(async () => {
    ({ app } = testApp({ identity: (await devTokens()).verifier, routes: [echo] }));
  });

  it.each(FILES)('%s', async (file) => {
    const bytes = bytesOf(file);
    const res = await request(app)
      .post('/api/test/echo')
      .set('content-type', 'application/json')
      .serialize((b: unknown) => b as string)
      .send(bytes);
    if (!expectedAccept(file)) {
      expectProblem(res, 'invalid-json');
      return;
    }
    expect(res.status).toBe(200);
    const ref = file === EMPTY_BODY ? { accepted: true, value: {} } : reference(bytes);
    // What went back is JSON.stringify of the value (a non-finite number becomes null).
    if (ref.accepted) expect(res.text).toBe(JSON.stringify({ value: ref.value }));
  });
});

describe('every case at the push route, on a real store', () => {
  const sqlite = databaseFactories.find((f) => f.name === 'sqlite')!;
  let service: Service;
  let auth: Record<string, string>;
  beforeAll(async () => {
    service = await serviceOn(sqlite);
    auth = await service.asUser(BOSS);
  });
  afterAll(() => service.close());

  it('answers each one 400, invalid-json or validation as the verdict says, and stores nothing', async () => {
    const answers: string[] = [];
    for (const file of FILES) {
      const res = await request(service.app)
        .put(sheetPath('json-suite', 'book.xlsx', 'KPI'))
        .set(auth)
        .set('If-None-Match', '*')
        .set('Idempotency-Key', `suite-${file}`)
        .set('content-type', 'application/json')
        .serialize((b: unknown) => b as string)
        .send(bytesOf(file));
      // None of the cases is a push body: accepted JSON is refused by the schema.
      expectProblem(res, expectedAccept(file) ? 'validation' : 'invalid-json');
      answers.push(`${file} ${res.status}`);
    }
    expect(answers).toHaveLength(318);
    expect((await service.pull(auth, 'json-suite', 'book.xlsx', 'KPI')).status).toBe(404);
  });
});
