import fc from 'fast-check';
import { dayNumber, fromDayNumber, weekday } from '../../../shared/parse/date';
import { comparePeriods, formatPeriod, nextPeriod, parsePeriod, previousPeriod } from '../../../shared/parse/period';
import type { Period } from '../../../shared/parse/types';
import type { CellValue } from '../../../shared/table/grid';

const month = (year: number, index: number): Period => ({ kind: 'month', year, index });
const quarter = (year: number, index: number): Period => ({ kind: 'quarter', year, index });
const week = (year: number, index: number): Period => ({ kind: 'week', year, index });
const year = (y: number): Period => ({ kind: 'year', year: y, index: 0 });

describe('parsePeriod accepts', () => {
  it.each<[CellValue, Period]>([
    ['2024-03', month(2024, 3)],
    ['2024-3', month(2024, 3)],
    ['2024/03', month(2024, 3)],
    ['2024.03', month(2024, 3)],
    ['２０２４－０３', month(2024, 3)],
    ['2024年3月', month(2024, 3)],
    ['2024年03月', month(2024, 3)],
    ['2024 年 3 月', month(2024, 3)],
    ['2024年12月份', month(2024, 12)],
    ['202403', month(2024, 3)],
    ['Mar 2024', month(2024, 3)],
    ['March 2024', month(2024, 3)],
    ['2024-Sep', month(2024, 9)],
    ['Sept. 2024', month(2024, 9)],
    ['2024-Q1', quarter(2024, 1)],
    ['2024Q1', quarter(2024, 1)],
    ['2024 Q1', quarter(2024, 1)],
    ['2024q4', quarter(2024, 4)],
    ['Q1 2024', quarter(2024, 1)],
    ['Q2-2024', quarter(2024, 2)],
    ['2024年第1季度', quarter(2024, 1)],
    ['2024年一季度', quarter(2024, 1)],
    ['2024年第四季度', quarter(2024, 4)],
    ['2024年3季度', quarter(2024, 3)],
    ['2024年Q1', quarter(2024, 1)],
    ['2024-W09', week(2024, 9)],
    ['2024W9', week(2024, 9)],
    ['2024-W9', week(2024, 9)],
    ['2024-w52', week(2024, 52)],
    ['W9 2024', week(2024, 9)],
    ['2024年第9周', week(2024, 9)],
    ['2024年第9週', week(2024, 9)],
    ['2024年9周', week(2024, 9)],
    ['2020-W53', week(2020, 53)],
    ['2026-W53', week(2026, 53)],
    ['2015-W53', week(2015, 53)],
    ['2024', year(2024)],
    ['2024年', year(2024)],
    [2024, year(2024)],
    [1900, year(1900)],
    [9999, year(9999)],
    [202403, month(2024, 3)],
    ['2024-03-15', month(2024, 3)],
    ['2024-03-15T08:00:00', month(2024, 3)],
    ['2024年3月15日', month(2024, 3)],
    [45366, month(2024, 3)],
    [45366.5, month(2024, 3)],
    [45292, month(2024, 1)],
    [45291, month(2023, 12)],
  ])('%p → %j', (input, period) => {
    expect(parsePeriod(input)).toEqual({ ok: true, value: period });
  });
});

describe('parsePeriod rejects', () => {
  it.each<[CellValue, string]>([
    [null, 'empty'],
    ['', 'empty'],
    ['  ', 'empty'],
    [true, 'not-a-period'],
    ['2024-13', 'not-a-period'],
    ['2024-00', 'not-a-period'],
    ['2024年13月', 'not-a-period'],
    ['202413', 'not-a-period'],
    ['2024-Q5', 'not-a-period'],
    ['2024-Q0', 'not-a-period'],
    ['2024年第五季度', 'not-a-period'],
    ['2024-W54', 'not-a-period'],
    ['2024-W53', 'not-a-period'],
    ['2021-W53', 'not-a-period'],
    ['2024-W00', 'not-a-period'],
    ['1899', 'not-a-period'],
    ['1899-12', 'not-a-period'],
    ['10000', 'not-a-period'],
    ['24-03', 'not-a-period'],
    ['Mars 2024', 'not-a-period'],
    ['2024-03-32', 'not-a-period'],
    ['next month', 'not-a-period'],
    [1899, 'not-a-period'],
    [2024.5, 'not-a-period'],
    [500, 'not-a-period'],
    [-2024, 'not-a-period'],
    [10000, 'not-a-period'],
    [NaN, 'not-a-period'],
    [Infinity, 'not-a-period'],
  ])('%p → %s', (input, code) => {
    const r = parsePeriod(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('formatPeriod', () => {
  it.each<[Period, string]>([
    [month(2024, 3), '2024-03'],
    [month(2024, 12), '2024-12'],
    [quarter(2024, 1), '2024-Q1'],
    [week(2024, 9), '2024-W09'],
    [week(2020, 53), '2020-W53'],
    [year(2024), '2024'],
  ])('%j → %s', (p, text) => {
    expect(formatPeriod(p)).toBe(text);
  });
});

describe('previousPeriod and nextPeriod', () => {
  it.each<[Period, Period]>([
    [month(2024, 3), month(2024, 2)],
    [month(2024, 1), month(2023, 12)],
    [quarter(2024, 1), quarter(2023, 4)],
    [quarter(2024, 3), quarter(2024, 2)],
    [week(2024, 9), week(2024, 8)],
    [week(2021, 1), week(2020, 53)],
    [week(2024, 1), week(2023, 52)],
    [week(2027, 1), week(2026, 53)],
    [year(2024), year(2023)],
  ])('previous of %j is %j', (p, prev) => {
    expect(previousPeriod(p)).toEqual(prev);
    expect(nextPeriod(prev)).toEqual(p);
  });

  it('steps from the last ISO week into week 1', () => {
    expect(nextPeriod(week(2020, 53))).toEqual(week(2021, 1));
    expect(nextPeriod(week(2024, 52))).toEqual(week(2025, 1));
  });
});

describe('comparePeriods', () => {
  it.each<[Period, Period, number]>([
    [month(2024, 3), month(2024, 4), -1],
    [month(2024, 12), month(2025, 1), -1],
    [month(2024, 3), month(2024, 3), 0],
    [quarter(2025, 1), quarter(2024, 4), 1],
    [week(2024, 10), week(2024, 9), 1],
    [year(2024), month(2000, 1), -1],
  ])('%j vs %j → %d', (a, b, sign) => {
    expect(Math.sign(comparePeriods(a, b))).toBe(sign);
  });
});

/** Monday of ISO week w of ISO year y, as a day number: week 1 holds 4 January. */
function mondayOf(y: number, w: number): number {
  const jan4 = dayNumber(`${y}-01-04`);
  return jan4 - weekday(jan4) + 7 * (w - 1);
}

/** The reference rule for validity: an ISO week belongs to the year its Thursday falls in. */
function weekExists(y: number, w: number): boolean {
  return fromDayNumber(mondayOf(y, w) + 3).startsWith(`${y}-`);
}

const anyPeriod: fc.Arbitrary<Period> = fc.oneof(
  fc.integer({ min: 1901, max: 9998 }).map(year),
  fc.tuple(fc.integer({ min: 1901, max: 9998 }), fc.integer({ min: 1, max: 4 })).map(([y, i]) => quarter(y, i)),
  fc.tuple(fc.integer({ min: 1901, max: 9998 }), fc.integer({ min: 1, max: 12 })).map(([y, i]) => month(y, i)),
  fc
    .tuple(fc.integer({ min: 1901, max: 9998 }), fc.integer({ min: 1, max: 53 }))
    .filter(([y, i]) => weekExists(y, i))
    .map(([y, i]) => week(y, i)),
);

describe('period properties', () => {
  it('parsePeriod(formatPeriod(p)) round-trips', () => {
    fc.assert(fc.property(anyPeriod, (p) => {
      const r = parsePeriod(formatPeriod(p));
      return r.ok && comparePeriods(r.value, p) === 0 && r.value.kind === p.kind;
    }));
  });

  it('week 53 is accepted exactly when the ISO calendar has it', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 9999 }), (y) => parsePeriod(`${y}-W53`).ok === weekExists(y, 53)));
  });

  it('previousPeriod is strictly earlier, valid, and nextPeriod undoes it', () => {
    fc.assert(fc.property(anyPeriod, (p) => {
      const prev = previousPeriod(p);
      const reparsed = parsePeriod(formatPeriod(prev));
      return comparePeriods(prev, p) < 0 && reparsed.ok && comparePeriods(nextPeriod(prev), p) === 0;
    }));
  });

  it('the previous ISO week starts seven days earlier', () => {
    fc.assert(fc.property(anyPeriod.filter((p) => p.kind === 'week'), (p) => {
      const prev = previousPeriod(p);
      return mondayOf(prev.year, prev.index) === mondayOf(p.year, p.index) - 7;
    }));
  });

  it('a date stands for its month', () => {
    fc.assert(fc.property(fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('9999-12-31') }), (n) => {
      const iso = fromDayNumber(n);
      const r = parsePeriod(iso);
      return r.ok && formatPeriod(r.value) === iso.slice(0, 7);
    }));
  });

  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double()), (s) => {
      const r = parsePeriod(s);
      return r.ok || ['empty', 'not-a-period'].includes(r.error.code);
    }));
  });
});
