import fc from 'fast-check';
import { parseProgress, parseWeight } from '../../../shared/parse/weight';
import type { CellValue } from '../../../shared/table/grid';

describe('parseWeight accepts', () => {
  it.each<[CellValue, number]>([
    ['20%', 0.2],
    ['２０％', 0.2],
    ['7%', 0.07],
    ['12.5%', 0.125],
    ['100%', 1],
    ['0%', 0],
    [0.2, 0.2],
    [0, 0],
    [1, 1],
    [20, 0.2],
    [7, 0.07],
    [100, 1],
    [1.5, 0.015],
    ['20', 0.2],
    ['33.4', 0.334],
    [33.4, 0.334],
    [14.3, 0.143],
    ['0.2', 0.2],
    [' 0.25 ', 0.25],
    ['1', 1],
    ['50‰', 0.05],
    // Typed with a percent sign: what it says, above 100% too (the weights-total check then says by how much).
    ['150%', 1.5],
    ['120%', 1.2],
    ['１５０％', 1.5],
  ])('%p → %p', (input, value) => {
    expect(parseWeight(input)).toEqual({ ok: true, value });
  });
});

describe('parseWeight rejects', () => {
  it.each<[CellValue, string]>([
    [null, 'empty'],
    ['', 'empty'],
    [' ', 'empty'],
    [true, 'not-a-weight'],
    [-0.2, 'not-a-weight'],
    ['-20%', 'not-a-weight'],
    [-20, 'not-a-weight'],
    [101, 'not-a-weight'],
    ['150', 'not-a-weight'],
    ['4小时', 'not-a-weight'],
    ['¥20', 'not-a-weight'],
    ['abc', 'not-a-weight'],
    ['20%%', 'not-a-weight'],
    [NaN, 'not-a-weight'],
    [Infinity, 'not-a-weight'],
  ])('%p → %s', (input, code) => {
    const r = parseWeight(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('weight properties', () => {
  it('a percent written "x%" and the fraction x/100 give the same weight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }).map((n) => n / 100), (pct) => {
        const a = parseWeight(`${pct}%`);
        const b = parseWeight(pct / 100);
        return a.ok && b.ok && Math.abs(a.value - b.value) < 1e-12 && Math.abs(a.value - pct / 100) < 1e-12;
      }),
    );
  });

  it('a bare number of points out of 100 is exactly the decimal fraction it reads as', () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 10000 }), (hundredths) => {
        const r = parseWeight(hundredths / 100);
        return r.ok && r.value === Number(`${hundredths}e-4`);
      }),
    );
  });

  it('every accepted weight is a non-negative fraction, above 1 only when a percent sign wrote it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double()), (input) => {
        const r = parseWeight(input);
        if (!r.ok) return ['empty', 'not-a-weight'].includes(r.error.code);
        return r.value >= 0 && (r.value <= 1 || (typeof input === 'string' && /[%％‰]/.test(input)));
      }),
    );
  });
});

describe('parseProgress', () => {
  it.each<[CellValue, number]>([
    ['50%', 0.5],
    ['100%', 1],
    [0.5, 0.5],
    [50, 0.5],
    ['0', 0],
  ])('%p → %p', (input, value) => {
    expect(parseProgress(input)).toEqual({ ok: true, value });
  });

  it.each<CellValue>(['150%', '100.5%', 101, '-5%', 'half', true])('refuses %p (a task is never more than done)', (input) => {
    expect(parseProgress(input).ok).toBe(false);
  });

  it('every accepted progress is a fraction in 0..1', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double()), (input) => {
        const r = parseProgress(input);
        return r.ok ? r.value >= 0 && r.value <= 1 : ['empty', 'not-a-weight'].includes(r.error.code);
      }),
    );
  });
});
