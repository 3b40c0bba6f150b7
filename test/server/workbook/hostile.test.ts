import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { readWorkbookGuarded } from '../../../server/workbook/guarded-read';
import { DEFAULT_READ_LIMITS } from '../../../server/workbook/limits';
import { readXlsx } from '../../../server/workbook/xlsx-reader';
import { scanZip } from '../../../server/workbook/zip-guard';
import {
  makeAllHostile,
  makeFarCells,
  makeWholeSheetMerge,
  makeWholeSheetValidation,
  makeZipBombHonest,
  writeBaseWorkbook,
  type HostileFile,
} from '../../fixtures/hostile/make-hostile';

// Every hostile file ends in the right refusal, as a value; the process carries on.

let dir: string;
let base: string;
let hostile: Record<string, HostileFile>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hostile-xlsx-'));
  base = path.join(dir, 'base.xlsx');
  await writeBaseWorkbook(base);
  hostile = await makeAllHostile(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (result: { ok: true } | { ok: false; error: { code: string } }): string =>
  result.ok ? 'read' : result.error.code;

const BASE_ROWS = [
  ['Metric', 'Value'],
  ['Visitors', 1200],
  ['Paid orders', 36],
  ['Profit', 5400.5],
];

describe('hostile workbooks', () => {
  const names = [
    'zip bomb, honest sizes',
    'zip bomb, lying sizes',
    'not a zip',
    'encrypted (CFB)',
    'truncated zip',
    'invalid XML in a sheet',
    '6 million cells',
    'cells at column XFD',
    'cell beyond the sheet',
    'billion laughs',
    'too many zip entries',
    'zip without a workbook',
  ];

  it('covers every file make-hostile builds', () => {
    expect(Object.keys(hostile).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s → refused with the right code', async (name) => {
    const h = hostile[name];
    if (!h) throw new Error(`no fixture ${name}`);
    const result = await readWorkbookGuarded(h.file);
    expect(codeOf(result)).toBe(h.expected);
  });

  it('says why: the honest bomb by its ratio, or by its declared size when ratios are not checked', async () => {
    const file = hostile['zip bomb, honest sizes']?.file ?? '';
    const byRatio = await readWorkbookGuarded(file);
    expect(byRatio.ok ? null : byRatio.error.detail).toMatchObject({ reason: 'ratio', part: 'xl/worksheets/sheet1.xml' });
    const bySize = await readWorkbookGuarded(file, { maxEntryRatio: 100_000 });
    expect(bySize.ok ? null : bySize.error).toEqual({
      code: 'zip-bomb',
      detail: expect.objectContaining({ reason: 'total-size', limitBytes: 1024 * 1024 * 1024 }),
    });
  });

  it('sees through the lying bomb from the central directory (2 MB compressed cannot inflate to 4 KB)', async () => {
    const result = await readWorkbookGuarded(hostile['zip bomb, lying sizes']?.file ?? '');
    expect(result.ok ? null : result.error).toEqual({
      code: 'zip-bomb',
      detail: { reason: 'size-mismatch', part: 'xl/worksheets/sheet1.xml' },
    });
  });

  it('stops the lying bomb on the first byte past its declared size, even without the pre-scan', async () => {
    const result = await readXlsx(hostile['zip bomb, lying sizes']?.file ?? '');
    expect(result.ok ? null : result.error).toEqual({
      code: 'zip-bomb',
      detail: { reason: 'size-mismatch', part: 'xl/worksheets/sheet1.xml' },
    });
  });

  it('counts inflated bytes itself, whatever the headers say', async () => {
    // An inflate budget of 1 MiB: the pre-scan is skipped here, the byte count alone stops it.
    const file = await makeZipBombHonest(dir, base);
    const result = await readXlsx(file, { maxTotalUncompressedBytes: 1024 * 1024 });
    expect(result.ok ? null : result.error).toEqual({
      code: 'zip-bomb',
      detail: { reason: 'inflated-too-much', limitBytes: 1024 * 1024 },
    });
  });

  it('reads a whole-sheet merge and a whole-sheet validation like the plain workbook (they are never looked at)', async () => {
    for (const file of [await makeWholeSheetMerge(dir, base), await makeWholeSheetValidation(dir, base)]) {
      const result = await readWorkbookGuarded(file);
      expect(result).toEqual({ ok: true, value: { sheets: [{ name: 'Data', rows: BASE_ROWS }] } });
    }
  });
});

describe('damaged bytes', () => {
  it('end in grids or a refusal, never an exception (random byte flips, in-process)', async () => {
    const original = readFileSync(base);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        async (flips) => {
          const bytes = Buffer.from(original);
          for (const [at, value] of flips) bytes[at] = value;
          const scanned = await scanZip(bytes, DEFAULT_READ_LIMITS);
          const read = await readXlsx(bytes);
          expect(typeof scanned.ok).toBe('boolean');
          expect(typeof read.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the worker guards', () => {
  it('turns running out of worker heap into too-large, and the process carries on', async () => {
    const file = await makeFarCells(dir, base);
    const result = await readWorkbookGuarded(file, { maxCells: 1e9, workerMaxOldGenerationMb: 16 });
    expect(result.ok ? null : result.error).toEqual({ code: 'too-large', detail: { reason: 'memory', limitMb: 16 } });
  });

  it('turns a parse that runs past the deadline into timeout', async () => {
    const result = await readWorkbookGuarded(hostile['6 million cells']?.file ?? '', { timeoutMs: 200 });
    expect(result.ok ? null : result.error).toEqual({ code: 'timeout', detail: { limitSeconds: 0.2 } });
  });

  it('refuses a file over the size limit before opening it', async () => {
    const result = await readWorkbookGuarded(base, { maxFileBytes: 1000 });
    expect(result.ok ? null : result.error).toEqual({
      code: 'too-large',
      detail: expect.objectContaining({ reason: 'file-size', limitBytes: 1000 }),
    });
  });

  it('refuses bytes just like a path', async () => {
    const result = await readWorkbookGuarded(new TextEncoder().encode('just text, not a zip'));
    expect(codeOf(result)).toBe('not-xlsx');
  });

  it('refuses a path that is not a readable file as not-xlsx', async () => {
    expect(codeOf(await readWorkbookGuarded(path.join(dir, 'does-not-exist.xlsx')))).toBe('not-xlsx');
    expect(codeOf(await readWorkbookGuarded(dir))).toBe('not-xlsx');
  });

  it('still reads an ordinary workbook after all of the above', async () => {
    expect(await readWorkbookGuarded(base)).toEqual({ ok: true, value: { sheets: [{ name: 'Data', rows: BASE_ROWS }] } });
  });
});
