import fc from 'fast-check';
import { parseNumber, parseQuantity } from '../../../shared/parse/number';
import type { CellValue } from '../../../shared/table/grid';

describe('parseQuantity accepts', () => {
  it.each<[CellValue, number, string]>([
    [1200, 1200, 'none'],
    [0.036, 0.036, 'none'],
    [-0, 0, 'none'],
    ['1200', 1200, 'none'],
    ['1,200', 1200, 'none'],
    ['1，200', 1200, 'none'],
    ['１２００', 1200, 'none'],
    ['1,234,567.89', 1234567.89, 'none'],
    ['-5', -5, 'none'],
    ['\u22125', -5, 'none'],
    ['－5', -5, 'none'],
    ['+5', 5, 'none'],
    ['.5', 0.5, 'none'],
    ['  42  ', 42, 'none'],
    ['\u00a042\u3000', 42, 'none'],
    ['3.6%', 0.036, 'percent'],
    ['３．６％', 0.036, 'percent'],
    ['3.6 %', 0.036, 'percent'],
    ['-2%', -0.02, 'percent'],
    ['5‰', 0.005, 'percent'],
    ['1.2万', 12000, 'none'],
    ['1.1万', 11000, 'none'],
    ['1.2萬', 12000, 'none'],
    ['3亿', 3e8, 'none'],
    ['2千', 2000, 'none'],
    ['3百万', 3e6, 'none'],
    ['1.5k', 1500, 'none'],
    ['1.5K', 1500, 'none'],
    ['2M', 2e6, 'none'],
    ['2 million', 2e6, 'none'],
    ['4小时', 4, 'hour'],
    ['4小時', 4, 'hour'],
    ['4h', 4, 'hour'],
    ['4 hours', 4, 'hour'],
    ['4 hrs', 4, 'hour'],
    ['4 Hours', 4, 'hour'],
    ['30分钟', 0.5, 'hour'],
    ['30 min', 0.5, 'hour'],
    ['90 Minutes', 1.5, 'hour'],
    ['3天', 3, 'day'],
    ['3d', 3, 'day'],
    ['3 days', 3, 'day'],
    ['500元', 500, 'yuan'],
    ['¥500', 500, 'yuan'],
    ['￥500', 500, 'yuan'],
    ['-¥500', -500, 'yuan'],
    ['¥-500', -500, 'yuan'],
    ['500 yuan', 500, 'yuan'],
    ['RMB 500', 500, 'yuan'],
    ['RMB500', 500, 'yuan'],
    ['500 RMB', 500, 'yuan'],
    ['1.2万元', 12000, 'yuan'],
    ['(1,200)', -1200, 'none'],
    ['（1,200）', -1200, 'none'],
    ['(3.5%)', -0.035, 'percent'],
    ['1e3', 1000, 'none'],
    ['1e-400', 0, 'none'],
  ])('%p → %p %s', (input, value, unit) => {
    // Exact: scales and percents shift the decimal exponent, so no rounding noise is allowed.
    expect(parseQuantity(input)).toEqual({ ok: true, value: { value, unit } });
  });
});

describe('parseQuantity rejects', () => {
  it.each<[CellValue, string]>([
    [null, 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    [true, 'not-a-number'],
    [false, 'not-a-number'],
    [NaN, 'not-a-number'],
    [Infinity, 'not-a-number'],
    [-Infinity, 'not-a-number'],
    ['abc', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['12abc', 'not-a-number'],
    ['--5', 'not-a-number'],
    ['+-5', 'not-a-number'],
    ['-(5)', 'not-a-number'],
    ['(-5)', 'not-a-number'],
    ['1e400', 'not-a-number'],
    ['1,2', 'not-a-number'],
    ['12,34', 'not-a-number'],
    ['1,2000', 'not-a-number'],
    ['5.', 'not-a-number'],
    ['5-', 'not-a-number'],
    ['3%%', 'not-a-number'],
    ['3万%', 'not-a-number'],
    ['¥500元', 'not-a-number'],
    ['2m', 'not-a-number'],
    ['2 Mio', 'not-a-number'],
    ['%', 'not-a-number'],
    ['¥', 'not-a-number'],
    ['#DIV/0!', 'not-a-number'],
    ['1 200', 'not-a-number'],
  ])('%p → %s', (input, code) => {
    const r = parseQuantity(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('echoes the normalised input for the message', () => {
    expect(parseQuantity(' １２ab ')).toEqual({ ok: false, error: { code: 'not-a-number', input: '12ab' } });
  });
});

describe('parseNumber', () => {
  it.each<[CellValue, number]>([
    ['4小时', 4],
    ['3.6%', 0.036],
    ['1.2万', 12000],
    [7, 7],
  ])('%p → %p', (input, value) => {
    expect(parseNumber(input)).toEqual({ ok: true, value });
  });

  it('passes failures through', () => {
    expect(parseNumber('x')).toEqual({ ok: false, error: { code: 'not-a-number', input: 'x' } });
  });
});

function withThousands(n: number): string {
  const [int, frac] = Math.abs(n).toFixed(6).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}.${frac}`;
}

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

describe('parseQuantity properties', () => {
  const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });

  it('reads any finite number written by String()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const r = parseNumber(String(n));
        return r.ok && r.value === (n === 0 ? 0 : n);
      }),
    );
  });

  it('reads numbers with thousands separators', () => {
    fc.assert(
      fc.property(finite, (n) => {
        const text = withThousands(n);
        const r = parseNumber(text);
        return r.ok && close(r.value, Number(text.replace(/,/g, '')));
      }),
    );
  });

  it('reads "x%" as x / 100', () => {
    fc.assert(
      fc.property(finite, (n) => {
        const r = parseQuantity(`${n}%`);
        return r.ok && r.value.unit === 'percent' && close(r.value.value, n / 100);
      }),
    );
  });

  it('reads "x万" as x × 10 000 and "(x)" as -x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), (n) => {
        const wan = parseNumber(`${n}万`);
        const neg = parseNumber(`(${n})`);
        return wan.ok && close(wan.value, n * 1e4) && neg.ok && close(neg.value, -n);
      }),
    );
  });

  it('never throws on garbage and fails with a known code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('-', '(', ')', '¥', '%')), (s) => {
        const r = parseQuantity(s);
        return r.ok ? Number.isFinite(r.value.value) : ['empty', 'not-a-number'].includes(r.error.code);
      }),
    );
  });
});
