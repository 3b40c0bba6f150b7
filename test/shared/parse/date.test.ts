import fc from 'fast-check';
import { dayNumber, fromDayNumber, parseDate, weekday } from '../../../shared/parse/date';
import { serialToIso } from '../../../shared/parse/excel-number';
import type { CellValue } from '../../../shared/table/grid';

describe('parseDate accepts', () => {
  it.each<[CellValue, string]>([
    ['2023-12-01', '2023-12-01'],
    ['2023-12-1', '2023-12-01'],
    ['2023/12/01', '2023-12-01'],
    ['2023.12.1', '2023-12-01'],
    ['２０２３／１２／０１', '2023-12-01'],
    ['2023年12月1日', '2023-12-01'],
    ['2023 年 12 月 1 日', '2023-12-01'],
    ['2023年12月1号', '2023-12-01'],
    ['2023年12月1', '2023-12-01'],
    ['2023-12-01T10:30:00', '2023-12-01'],
    ['2023-12-01T23:59:59.999Z', '2023-12-01'],
    ['2023-12-01T08:00:00+08:00', '2023-12-01'],
    ['2023-12-01 10:30', '2023-12-01'],
    ['  2024-02-29  ', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [45261, '2023-12-01'],
    [45261.75, '2023-12-01'],
    [45351, '2024-02-29'],
    [2958465, '9999-12-31'],
  ])('%p → %s', (input, iso) => {
    expect(parseDate(input)).toEqual({ ok: true, value: iso });
  });
});

describe('parseDate rejects', () => {
  it.each<[CellValue, string]>([
    [null, 'empty'],
    ['', 'empty'],
    [' ', 'empty'],
    [true, 'not-a-date'],
    ['2023-02-30', 'not-a-date'],
    ['2023-02-29', 'not-a-date'],
    ['1900-02-29', 'not-a-date'],
    ['2023-13-01', 'not-a-date'],
    ['2023-00-10', 'not-a-date'],
    ['2023-04-31', 'not-a-date'],
    ['2023-12-00', 'not-a-date'],
    ['2023-12/01', 'not-a-date'],
    ['01/12/2023', 'not-a-date'],
    ['2023-12-01 garbage', 'not-a-date'],
    ['1899-12-31', 'not-a-date'],
    ['tomorrow', 'not-a-date'],
    ['2023-12', 'not-a-date'],
    [0, 'not-a-date'],
    [-5, 'not-a-date'],
    [60, 'not-a-date'],
    [2958466, 'not-a-date'],
    [NaN, 'not-a-date'],
    [Infinity, 'not-a-date'],
  ])('%p → %s', (input, code) => {
    const r = parseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('day numbers', () => {
  it.each<[string, number]>([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2023-12-01', 19692],
    ['1900-01-01', -25567],
  ])('dayNumber(%s) = %d and back', (iso, n) => {
    expect(dayNumber(iso)).toBe(n);
    expect(fromDayNumber(n)).toBe(iso);
  });

  it.each(['2023-02-29', '2023-2-1', 'x', '2023-12-01T00:00'])('dayNumber(%p) is NaN', (iso) => {
    expect(dayNumber(iso)).toBeNaN();
  });

  it.each<[string, number]>([
    ['1970-01-01', 3],
    ['2024-01-01', 0],
    ['2023-12-03', 6],
    ['2023-12-01', 4],
    ['1969-12-29', 0],
  ])('weekday(%s) = %d', (iso, wd) => {
    expect(weekday(dayNumber(iso))).toBe(wd);
  });

  const days = fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('9999-12-31') });

  it('parseDate(fromDayNumber(n)) round-trips', () => {
    fc.assert(
      fc.property(days, (n) => {
        const iso = fromDayNumber(n);
        const r = parseDate(iso);
        return r.ok && r.value === iso && dayNumber(iso) === n;
      }),
    );
  });

  it('agrees with Date.UTC', () => {
    fc.assert(
      fc.property(days, (n) => fromDayNumber(n) === new Date(n * 86400000).toISOString().slice(0, 10)),
    );
  });

  it('weekday steps by one each day and cycles', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (n) => {
        const w = weekday(n);
        return w >= 0 && w <= 6 && weekday(n + 1) === (w + 1) % 7 && weekday(n + 7) === w;
      }),
    );
  });

  it('Excel serials after the phantom leap day are days since 1899-12-30', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (s) => {
        const r = parseDate(s);
        return r.ok && r.value === serialToIso(s) && dayNumber(r.value) === s - 25569;
      }),
    );
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double()), (s) => {
        const r = parseDate(s);
        return r.ok ? /^\d{4}-\d{2}-\d{2}$/.test(r.value) : ['empty', 'not-a-date'].includes(r.error.code);
      }),
    );
  });
});
