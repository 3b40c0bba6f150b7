import fc from 'fast-check';
import { REFUSAL_CODES, type Refusal } from '../../../shared/issues/refusal';
import { formatBytes, refusalMessage } from '../../../shared/i18n/refusal-messages';
import { decodeGrids, encodeGrids } from '../../../server/workbook/grid-transfer';
import { DEFAULT_READ_LIMITS, ReadLimitsOverrideSchema, resolveReadLimits } from '../../../server/workbook/limits';
import { parseCellRef } from '../../../server/workbook/xlsx/cell-ref';
import { relsPartFor, resolveTarget } from '../../../server/workbook/xlsx/opc';
import { decodeXString } from '../../../server/workbook/xlsx/xstring';
import { magicOf } from '../../../server/workbook/xlsx/zip-source';

describe('cell addresses', () => {
  const columnName = (index: number): string => {
    let name = '';
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  };

  it('round-trips every column and row Excel has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16_383 }), fc.integer({ min: 0, max: 1_048_575 }), (col, row) => {
        expect(parseCellRef(`${columnName(col)}${row + 1}`)).toEqual({ row, col });
      }),
    );
  });

  it.each(['', 'A', '1', 'A0', '1A', '$A$1', 'A1:B2', 'A-1', 'Ä1'])('rejects %j', (ref) => {
    expect(parseCellRef(ref)).toBeNull();
  });
});

describe('package paths', () => {
  it.each([
    ['xl/workbook.xml', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/workbook.xml', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/workbook.xml', '../customXml/item1.xml', 'customXml/item1.xml'],
    ['xl/workbook.xml', './sharedStrings.xml', 'xl/sharedStrings.xml'],
    ['', 'xl/workbook.xml', 'xl/workbook.xml'],
    ['xl/workbook.xml', 'worksheets/my%20sheet.xml', 'xl/worksheets/my sheet.xml'],
  ])('%s + %s → %s', (source, target, resolved) => {
    expect(resolveTarget(source, target)).toBe(resolved);
  });

  it('finds the relationships part of a part', () => {
    expect(relsPartFor('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPartFor('')).toBe('_rels/.rels');
  });

  it('decodes _xHHHH_ escapes once, left to right', () => {
    expect(decodeXString('a_x000D_b')).toBe('a\rb');
    expect(decodeXString('_x005F_x000D_')).toBe('_x000D_');
    expect(decodeXString('plain')).toBe('plain');
  });

  it('tells zips, compound files and anything else apart by their first bytes', () => {
    expect(magicOf(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]))).toBe('zip');
    expect(magicOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('cfb');
    expect(magicOf(new TextEncoder().encode('Period,Value'))).toBe('other');
    expect(magicOf(new Uint8Array())).toBe('other');
  });
});

describe('limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_READ_LIMITS).toEqual({
      maxFileBytes: 64 * 1024 * 1024,
      maxEntries: 10_000,
      maxTotalUncompressedBytes: 1024 * 1024 * 1024,
      maxEntryRatio: 100,
      ratioGraceBytes: 8 * 1024 * 1024,
      maxCells: 5_000_000,
      workerMaxOldGenerationMb: 512,
      workerMaxYoungGenerationMb: 48,
      timeoutMs: 60_000,
    });
  });

  it('takes partial overrides and ignores undefined ones', () => {
    expect(resolveReadLimits({ maxCells: 10, timeoutMs: undefined })).toEqual({ ...DEFAULT_READ_LIMITS, maxCells: 10 });
  });

  it('validates configuration', () => {
    expect(ReadLimitsOverrideSchema.safeParse({ timeoutMs: 5000 }).success).toBe(true);
    expect(ReadLimitsOverrideSchema.safeParse({ timeoutMs: -1 }).success).toBe(false);
    expect(ReadLimitsOverrideSchema.safeParse({ maxCels: 5 }).success).toBe(false);
    expect(() => resolveReadLimits({ maxCells: 0 })).toThrow();
  });
});

describe('refusal messages', () => {
  const samples: Refusal[] = [
    { code: 'too-large', detail: { reason: 'file-size', fileBytes: 80 * 1024 * 1024, limitBytes: 64 * 1024 * 1024 } },
    { code: 'too-large', detail: { reason: 'memory', limitMb: 512 } },
    { code: 'not-xlsx', detail: { reason: 'no-zip' } },
    { code: 'not-xlsx', detail: { reason: 'no-workbook' } },
    { code: 'encrypted-or-legacy', detail: { reason: 'cfb' } },
    { code: 'zip-bomb', detail: { reason: 'total-size', declaredBytes: 2 ** 31, limitBytes: 2 ** 30 } },
    { code: 'zip-bomb', detail: { reason: 'ratio', part: 'xl/worksheets/sheet1.xml', ratio: 1010, limitRatio: 100 } },
    { code: 'zip-bomb', detail: { reason: 'size-mismatch', part: 'xl/worksheets/sheet1.xml' } },
    { code: 'zip-bomb', detail: { reason: 'entry-count', entries: 10_001, limitEntries: 10_000 } },
    { code: 'too-many-cells', detail: { limitCells: 5_000_000, sheet: '数据' } },
    { code: 'timeout', detail: { limitSeconds: 60 } },
    { code: 'corrupt', detail: { reason: 'invalid-xml', part: 'xl/worksheets/sheet1.xml' } },
    { code: 'corrupt', detail: {} },
  ];

  it('has a message for every code in both languages', () => {
    for (const code of REFUSAL_CODES) {
      expect(samples.some((s) => s.code === code)).toBe(true);
    }
    for (const sample of samples) {
      const en = refusalMessage(sample, 'en-US');
      const zh = refusalMessage(sample, 'zh-CN');
      expect(en).toMatch(/^The file was refused: /);
      expect(zh).toMatch(/^文件被拒绝：/);
      expect(`${en}${zh}`).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('quotes the sizes and names it was given', () => {
    expect(refusalMessage(samples[0] as Refusal, 'en-US')).toBe(
      'The file was refused: it is 80 MB, more than the 64 MB limit. Split the workbook or remove unused sheets.',
    );
    expect(refusalMessage(samples[5] as Refusal, 'en-US')).toBe('The file was refused: it expands to more than 1 GB (a zip bomb?).');
    expect(refusalMessage(samples[5] as Refusal, 'zh-CN')).toBe('文件被拒绝：解压后超过 1 GB（疑似 zip 炸弹）。');
    expect(refusalMessage(samples[9] as Refusal, 'en-US')).toContain('5,000,000 cells (sheet "数据")');
  });

  it('formats byte counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MB');
    expect(formatBytes(2 ** 30)).toBe('1 GB');
  });
});

describe('grid transfer from the worker', () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true }),
    fc.string(),
    fc.constantFrom('2024-03', '销售部', ''),
  );
  const grid = fc.record({ name: fc.string(), rows: fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }) });

  it('decodes what it encoded', () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 4 }), (grids) => {
        const { encoded } = encodeGrids(grids);
        expect(decodeGrids(encoded)).toEqual(grids);
      }),
    );
  });

  it('sends each distinct string once and transfers the rest as typed arrays', () => {
    const { encoded, transfer } = encodeGrids([{ name: 'S', rows: [['a', 'a', 1], [], ['a', true, null]] }]);
    expect(encoded.strings).toEqual(['a']);
    expect(transfer).toHaveLength(3);
  });
});
