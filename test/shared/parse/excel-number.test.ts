import fc from 'fast-check';
import { toCellValue } from '../../../addin/excel/cell-values';
import { dayNumber, fromDayNumber } from '../../../shared/parse/calendar';
import {
  classifyFormat,
  dayToSerial,
  excelNumberValue,
  isoDateText,
  isoToSerial,
  numFmtKind,
  percentText,
  serialParts,
  serialToIso,
  type FormatKind,
} from '../../../shared/parse/excel-number';
import { parseQuantity } from '../../../shared/parse/number';
import type { CellValue } from '../../../shared/table/grid';
import { readXlsx } from '../../../server/workbook/xlsx-reader';
import { excelWith } from '../../addin/excel/fixtures';
import { sheetXml, stylesXml, xlsxFromParts } from '../../fixtures/xlsx-from-parts';

// One table of what a stored number means under its format, run through every path that reads
// Excel cells: the module itself, the xlsx reader (an uploaded file, the CLI), the add-in's
// adapter on what Office.js answers, and the strict Excel fake behind that adapter (the pane's
// preview and its tests). A row names its format by code, and by built-in id where Excel
// writes it so (the reader sees only the id; Office.js answers the code).

interface Row {
  readonly value: number;
  readonly code: string;
  readonly builtinId?: number;
  readonly date1904?: boolean;
  readonly expected: CellValue;
  readonly why: string;
}

const TABLE: readonly Row[] = [
  { value: 45366, code: 'yyyy-mm-dd', expected: '2024-03-15', why: 'a date' },
  { value: 45366, code: 'm/d/yyyy', builtinId: 14, expected: '2024-03-15', why: 'the built-in short date' },
  { value: 45366.5, code: 'yyyy-mm-dd', expected: '2024-03-15T12:00:00', why: 'a date format keeps the time the value holds' },
  { value: 45366.354166666664, code: 'yyyy-mm-dd hh:mm', expected: '2024-03-15T08:30:00', why: 'binary noise rounded to the second' },
  { value: 45366.5, code: 'm/d/yy h:mm', builtinId: 22, expected: '2024-03-15T12:00:00', why: 'the built-in date-time' },
  { value: 0.5, code: 'h:mm', builtinId: 20, expected: 0.5, why: 'a time of day without a date is a fraction of a day, on every path' },
  { value: 0.5, code: 'h:mm:ss AM/PM', builtinId: 19, expected: 0.5, why: 'the same with AM/PM' },
  { value: 0.0625, code: 'mm:ss', builtinId: 45, expected: 0.0625, why: 'minutes and seconds' },
  { value: 0.5, code: 'h"时"mm"分"', builtinId: 32, expected: 0.5, why: 'a Chinese time format' },
  { value: 45366.75, code: 'h:mm', expected: '2024-03-15T18:00:00', why: 'a time format on a serial that has a date shows the date too' },
  { value: 1.5, code: '[h]:mm', expected: 1.5, why: 'elapsed time is a number of days' },
  { value: 1.5, code: '[h]:mm:ss', builtinId: 46, expected: 1.5, why: 'the built-in elapsed time' },
  { value: 0, code: 'yyyy-mm-dd', expected: 0, why: "Excel's 1900-01-00 is no day" },
  { value: 1, code: 'yyyy-mm-dd', expected: '1900-01-01', why: 'serial 1' },
  { value: 59, code: 'yyyy-mm-dd', expected: '1900-02-28', why: 'the last day before the phantom one' },
  { value: 60, code: 'yyyy-mm-dd', expected: 60, why: "Lotus 1-2-3's 1900-02-29 never was" },
  { value: 61, code: 'yyyy-mm-dd', expected: '1900-03-01', why: 'days since 1899-12-30 from here on' },
  { value: 2958465, code: 'yyyy-mm-dd', expected: '9999-12-31', why: "Excel's last day" },
  { value: 2958466, code: 'yyyy-mm-dd', expected: 2958466, why: 'past it' },
  { value: -1, code: 'yyyy-mm-dd', expected: -1, why: 'negative' },
  { value: 45366, code: 'yyyy"年"m"月"d"日"', builtinId: 31, expected: '2024-03-15', why: 'a Chinese date, quoted literals' },
  { value: 45366, code: '[$-F800]dddd, mmmm dd, yyyy', expected: '2024-03-15', why: 'a locale prefix in brackets' },
  { value: 45366, code: 'mmm-yy', builtinId: 17, expected: '2024-03-15', why: 'month and year' },
  { value: 45366, code: 'yyyy-mm-dd;@', expected: '2024-03-15', why: 'a text section after the date' },
  { value: 1.5, code: '0%', builtinId: 9, expected: '150%', why: 'a percent cell holding 1.5 shows, and means, 150%' },
  { value: 0.035, code: '0.00%', builtinId: 10, expected: '3.5%', why: 'digits as stored, not as shown' },
  { value: -0.2, code: '0%;[Red]-0%', expected: '-20%', why: 'a negative percent' },
  { value: 1e-7, code: '0.00%', expected: '1e-5%', why: 'exponent form kept exact' },
  { value: 0.2, code: '"100%" 0', expected: 0.2, why: 'a quoted percent sign is text' },
  { value: 0.2, code: '0\\%', expected: 0.2, why: 'an escaped percent sign is text' },
  { value: 12.5, code: '#,##0.00 "days"', expected: 12.5, why: 'letters in quotes are no date' },
  { value: 3, code: '\\d 0', expected: 3, why: 'an escaped d is no date' },
  { value: 45366, code: 'General', builtinId: 0, expected: 45366, why: 'General' },
  { value: 45366, code: '@', builtinId: 49, expected: 45366, why: 'a number in a Text cell' },
  { value: 45366, code: '0.00E+00', builtinId: 11, expected: 45366, why: 'scientific' },
  { value: 1234.5, code: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)', expected: 1234.5, why: 'accounting' },
  { value: 0, code: 'yyyy-mm-dd', date1904: true, expected: '1904-01-01', why: 'day 0 of the 1904 system' },
  { value: 43904, code: 'yyyy-mm-dd', date1904: true, expected: '2024-03-15', why: 'the 1904 system' },
  { value: 43904.25, code: 'yyyy-mm-dd h:mm', date1904: true, expected: '2024-03-15T06:00:00', why: 'with a time' },
  { value: 0.5, code: 'h:mm', date1904: true, expected: 0.5, why: 'a time of day in the 1904 system is a fraction too' },
];

describe('the table, by the module', () => {
  it.each(TABLE)('$value under "$code" (1904: $date1904) → $expected: $why', (row) => {
    expect(excelNumberValue(row.value, classifyFormat(row.code), row.date1904)).toBe(row.expected);
    if (row.builtinId !== undefined) {
      expect(numFmtKind(row.builtinId, undefined)).toBe(classifyFormat(row.code));
      expect(excelNumberValue(row.value, numFmtKind(row.builtinId, undefined), row.date1904)).toBe(row.expected);
    }
  });
});

describe('the table, by the xlsx reader (uploads and the CLI)', () => {
  /** One workbook per date system: row i holds the custom-code cell in A and the built-in-id cell in B. */
  async function readTable(date1904: boolean): Promise<{ rows: readonly Row[]; grid: readonly (readonly CellValue[])[] }> {
    const rows = TABLE.filter((r) => (r.date1904 ?? false) === date1904);
    const formats: (string | number)[] = [0];
    const styleOf = (f: string | number): number => {
      if (!formats.includes(f)) formats.push(f);
      return formats.indexOf(f);
    };
    const data = rows
      .map((r, i) => {
        const a = `<c r="A${i + 1}" s="${styleOf(r.code)}"><v>${r.value}</v></c>`;
        const b = r.builtinId === undefined ? '' : `<c r="B${i + 1}" s="${styleOf(r.builtinId)}"><v>${r.value}</v></c>`;
        return `<row r="${i + 1}">${a}${b}</row>`;
      })
      .join('');
    const file = xlsxFromParts({ sheet: sheetXml(data), styles: stylesXml(formats), date1904 });
    const read = await readXlsx(file);
    if (!read.ok) throw new Error(read.error.code);
    return { rows, grid: read.value[0]!.rows };
  }

  it.each([false, true])('1904 system: %s', async (date1904) => {
    const { rows, grid } = await readTable(date1904);
    const seen = rows.map((r, i) => ({ row: r, custom: grid[i]?.[0], builtin: r.builtinId === undefined ? undefined : grid[i]?.[1] }));
    const expected = rows.map((r) => ({ row: r, custom: r.expected, builtin: r.builtinId === undefined ? undefined : r.expected }));
    expect(seen).toEqual(expected);
  });
});

/** The 1900-system rows: Office.js reports serials in the workbook's system, and the add-in reads 1900 workbooks. */
const ADDIN_ROWS = TABLE.filter((r) => !r.date1904);

describe('the table, by the add-in adapter', () => {
  it.each(ADDIN_ROWS)('$value under "$code" → $expected', (row) => {
    expect(toCellValue(row.value, row.code)).toBe(row.expected);
  });
});

describe('the table, by the Excel fake behind the adapter (the pane)', () => {
  it('reads every row as the table says', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('T', ADDIN_ROWS.map((r) => [{ value: r.value, numberFormat: r.code }]));
    const grid = await port.readSheet('T');
    expect(ADDIN_ROWS.map((r, i) => ({ code: r.code, value: grid.rows[i]?.[0] }))).toEqual(ADDIN_ROWS.map((r) => ({ code: r.code, value: r.expected })));
  });

  it('reads what a user types as the same cell in a file reads: "150%", a date, a time', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('T', [['x']]);
    await fake.userEdit('T', 'A1', '150%');
    await fake.userEdit('T', 'A2', '3.5%');
    await fake.userEdit('T', 'A3', '2024-03-15');
    const grid = await port.readSheet('T');
    expect(grid.rows.map((r) => r[0])).toEqual(['150%', '3.5%', '2024-03-15']);
  });
});

// --- the pieces -----------------------------------------------------------------------------

describe('format codes', () => {
  it.each<[string, FormatKind]>([
    ['yyyy-mm-dd', 'date'],
    ['d\\ mmmm\\ yyyy', 'date'],
    ['[DBNum1][$-804]yyyy"年"m"月"', 'date'],
    ['mmmm', 'date'],
    ['yyyy-mm-dd hh:mm', 'datetime'],
    ['h:mm AM/PM', 'time'],
    ['[$-F400]h:mm:ss AM/PM', 'time'],
    ['mmss.0', 'time'],
    ['上午/下午h"时"mm"分"', 'time'],
    ['[h]:mm:ss', 'duration'],
    ['[mm]:ss', 'duration'],
    ['[ss]', 'duration'],
    ['0.0%', 'percent'],
    ['#,##0.00%;[Red]-#,##0.00%', 'percent'],
    ['[Red]General', 'number'],
    ['General', 'number'],
    ['"Date:" 0', 'number'],
    ['0;"d"', 'number'],
    ['"yyyy";0', 'number'],
    ['0.0_m', 'number'],
    ['0*d', 'number'],
    ['# ?/?', 'number'],
    ['', 'number'],
    ['"unterminated', 'number'],
    ['[unterminated', 'number'],
  ])('%s is %s', (code, kind) => {
    expect(classifyFormat(code)).toBe(kind);
  });

  it('classifies the locale built-ins as dates or times, and unknown ids as numbers', () => {
    for (const id of [22, 77]) expect(numFmtKind(id, undefined)).toBe('datetime');
    for (const id of [14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58, 71, 72, 73, 74, 81]) expect([id, numFmtKind(id, undefined)]).toEqual([id, 'date']);
    for (const id of [18, 19, 20, 21, 32, 33, 34, 35, 45, 47, 55, 56, 75, 76, 78, 80]) expect([id, numFmtKind(id, undefined)]).toEqual([id, 'time']);
    for (const id of [46, 79]) expect(numFmtKind(id, undefined)).toBe('duration');
    for (const id of [9, 10, 67, 68]) expect(numFmtKind(id, undefined)).toBe('percent');
    for (const id of [0, 1, 5, 8, 23, 37, 44, 49, 163, 999]) expect([id, numFmtKind(id, undefined)]).toEqual([id, 'number']);
    // A custom code wins: some writers redefine built-in ids.
    expect(numFmtKind(14, '0.00')).toBe('number');
  });

  it('reads a hostile code of a million letters (linear, not a slice per letter)', () => {
    expect(classifyFormat('a'.repeat(1_000_000))).toBe('number');
    expect(classifyFormat(`${'A/P '.repeat(100_000)}h`)).toBe('time');
  });

  it('never throws, whatever the code', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (code) => ['date', 'time', 'datetime', 'duration', 'percent', 'number'].includes(classifyFormat(code))));
  });
});

describe('date serials', () => {
  it('round-trip every day from 1900-01-01 to 9999-12-31 (1904: from 1904-01-01)', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('9999-12-31') }), fc.boolean(), (day, date1904) => {
        const iso = fromDayNumber(day);
        const serial = isoToSerial(iso, date1904);
        if (date1904 && day < dayNumber('1904-01-01')) return serial === null;
        return serial !== null && serialToIso(serial, date1904) === iso && (date1904 || dayToSerial(day) === serial);
      }),
      { numRuns: 2000 },
    );
  });

  it('agree with Date.UTC from 1900-03-01 on: days since 1899-12-30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) => serialToIso(serial) === new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10)),
    );
  });

  it("show Excel's own days before then: 1900-01-00 and 1900-02-29", () => {
    expect(serialParts(0)).toMatchObject({ y: 1900, m: 1, d: 0 });
    expect(serialParts(60)).toMatchObject({ y: 1900, m: 2, d: 29 });
    expect(serialParts(0.75)).toEqual({ y: 1900, m: 1, d: 0, h: 18, mi: 0, s: 0 });
    expect(serialParts(-0.5)).toBeNull();
    expect(serialParts(2_958_466)).toBeNull();
    expect(serialToIso(Number.NaN)).toBeNull();
    expect(isoToSerial('1899-12-31')).toBeNull();
    expect(isoToSerial('not a date')).toBeNull();
  });

  it('normalise ISO text (xlsx t="d" cells) to the same two shapes', () => {
    expect(isoDateText('2024-03-15T00:00:00Z')).toBe('2024-03-15');
    expect(isoDateText('2024-03-15T08:30:00.000+08:00')).toBe('2024-03-15T08:30:00');
    expect(isoDateText(' 2024-03-15 ')).toBe('2024-03-15');
    expect(isoDateText('not a date')).toBe('not a date');
  });
});

describe('percent text', () => {
  it('reads back, through the checks’ own number parser, as exactly the stored number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const q = parseQuantity(percentText(n));
        return q.ok && q.value.unit === 'percent' && q.value.value === (n === 0 ? 0 : n);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [1.5, '150%'],
    [0.035, '3.5%'],
    [0.1, '10%'],
    [1, '100%'],
    [0, '0%'],
    [-0, '0%'],
    [-0.005, '-0.5%'],
    [12, '1200%'],
    [123.456789, '12345.6789%'],
    [1e21, '1e23%'],
    [1e-7, '1e-5%'],
  ])('%p → %s', (n, text) => {
    expect(percentText(n)).toBe(text);
  });
});
