import fc from 'fast-check';
import { evaluateFormula, formatFormula, formulaNames, parseFormula } from '../../../shared/parse/formula';
import type { Expr } from '../../../shared/parse/types';

const n = (value: number): Expr => ({ type: 'number', value });
const v = (name: string): Expr => ({ type: 'name', name });
const neg = (operand: Expr): Expr => ({ type: 'negate', operand });
const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ type: 'binary', op, left, right });

describe('parseFormula', () => {
  it.each<[string, Expr]>([
    ['付费订单/访客数', bin('/', v('付费订单'), v('访客数'))],
    ['利润/营销投入', bin('/', v('利润'), v('营销投入'))],
    ['Paid orders / Visitors', bin('/', v('Paid orders'), v('Visitors'))],
    ['  Paid   orders/Visitors  ', bin('/', v('Paid orders'), v('Visitors'))],
    ['=A+B', bin('+', v('A'), v('B'))],
    ['a + b * c', bin('+', v('a'), bin('*', v('b'), v('c')))],
    ['(a + b) * c', bin('*', bin('+', v('a'), v('b')), v('c'))],
    ['a - b - c', bin('-', bin('-', v('a'), v('b')), v('c'))],
    ['a / b / c', bin('/', bin('/', v('a'), v('b')), v('c'))],
    ['a - (b - c)', bin('-', v('a'), bin('-', v('b'), v('c')))],
    ['-a * b', bin('*', neg(v('a')), v('b'))],
    ['a * -b', bin('*', v('a'), neg(v('b')))],
    ['--a', neg(neg(v('a')))],
    ['+a', v('a')],
    ['-(a + b)', neg(bin('+', v('a'), v('b')))],
    ['a × b ÷ c', bin('/', bin('*', v('a'), v('b')), v('c'))],
    ['a ＊ b ／ c', bin('/', bin('*', v('a'), v('b')), v('c'))],
    ['a － b ＋ c', bin('+', bin('-', v('a'), v('b')), v('c'))],
    ['a \u2212 b', bin('-', v('a'), v('b'))],
    ['（利润-成本）/收入', bin('/', bin('-', v('利润'), v('成本')), v('收入'))],
    ['订单数*100%', bin('*', v('订单数'), n(1))],
    ['订单数 * 50 %', bin('*', v('订单数'), n(0.5))],
    ['利润/1,000', bin('/', v('利润'), n(1000))],
    ['a*1.5', bin('*', v('a'), n(1.5))],
    ['a*.5', bin('*', v('a'), n(0.5))],
    ['a*1e-3', bin('*', v('a'), n(0.001))],
    ['a*1E+3', bin('*', v('a'), n(1000))],
    ['7日留存用户/新增用户', bin('/', v('7日留存用户'), v('新增用户'))],
    ['e-commerce GMV', bin('-', v('e'), v('commerce GMV'))],
    ['42', n(42)],
  ])('%p', (text, expr) => {
    expect(parseFormula(text)).toEqual({ ok: true, value: expr });
  });

  it.each<[string, string[], Expr]>([
    ['e-commerce GMV / 访客数', ['e-commerce GMV', '访客数'], bin('/', v('e-commerce GMV'), v('访客数'))],
    ['A/B 测试数 / 访客数', ['A/B 测试数', '访客数'], bin('/', v('A/B 测试数'), v('访客数'))],
    ['a/b测试数/访客数', ['A/B 测试数'], bin('/', v('A/B 测试数'), v('访客数'))],
    ['營銷投入 + 1', ['营销投入'], bin('+', v('营销投入'), n(1))],
    ['GMV-成本', ['GMV', 'GMV-成本率'], bin('-', v('GMV'), v('成本'))],
    ['GMV-成本率*2', ['GMV', 'GMV-成本率'], bin('*', v('GMV-成本率'), n(2))],
    ['A/B', ['A', 'B', 'AB'], bin('/', v('A'), v('B'))],
    ['GMV2 / a', ['GMV'], bin('/', v('GMV2'), v('a'))],
    ['(x-y)', ['x-y'], v('x-y')],
    ['  Paid orders / Visitors', ['paid orders'], bin('/', v('paid orders'), v('Visitors'))],
  ])('%p with known names %j', (text, known, expr) => {
    expect(parseFormula(text, known)).toEqual({ ok: true, value: expr });
  });

  it.each(['', '   ', '=', '= '])('%p → empty', (text) => {
    expect(parseFormula(text)).toEqual({ ok: false, error: { code: 'empty', input: text.trim() } });
  });

  it.each<[string, number]>([
    ['a +', 3],
    ['a + * b', 4],
    ['* a', 0],
    ['(a', 2],
    ['a)', 1],
    ['()', 1],
    ['(a) b', 4],
    ['SUM(a,b)', 3],
    ['a / %', 4],
    ['a = b', 0],
    ['=a+', 3],
    ['a / ()', 5],
  ])('%p → formula-syntax at %d', (text, position) => {
    const r = parseFormula(text);
    expect(r).toEqual({ ok: false, error: { code: 'formula-syntax', input: text, position } });
  });

  it('refuses pathological nesting and length instead of overflowing', () => {
    const deep = `${'('.repeat(5000)}a${')'.repeat(5000)}`;
    const long = Array.from({ length: 5000 }, (_, i) => `m${i}`).join('+');
    const nested = parseFormula(deep);
    const wide = parseFormula(long);
    expect(nested.ok || nested.error.code).toBe('formula-syntax');
    expect(wide.ok || wide.error.code).toBe('formula-syntax');
    expect(parseFormula(`${'('.repeat(50)}a${')'.repeat(50)}`)).toEqual({ ok: true, value: v('a') });
  });
});

describe('formulaNames', () => {
  it.each<[string, string[]]>([
    ['付费订单/访客数', ['付费订单', '访客数']],
    ['a + b * a - c', ['a', 'b', 'c']],
    ['(c + b) / a * 2', ['c', 'b', 'a']],
    ['42', []],
  ])('%p → %j', (text, names) => {
    const r = parseFormula(text);
    if (!r.ok) throw new Error('fixture must parse');
    expect(formulaNames(r.value)).toEqual(names);
  });
});

describe('evaluateFormula', () => {
  const values: Record<string, number> = { 付费订单: 30, 访客数: 1200, 利润: 50, 营销投入: 0, a: 2, b: 3, c: 4 };
  const lookup = (name: string) => values[name];

  it.each<[string, number]>([
    ['付费订单/访客数', 0.025],
    ['a + b * c', 14],
    ['(a + b) * c', 20],
    ['a - b - c', -5],
    ['a - (b - c)', 3],
    ['-a * b', -6],
    ['c / a / a', 1],
    ['a * 50%', 1],
    ['=a*1e3', 2000],
  ])('%p = %p', (text, result) => {
    const r = parseFormula(text);
    if (!r.ok) throw new Error('fixture must parse');
    expect(evaluateFormula(r.value, lookup)).toEqual({ ok: true, value: result });
  });

  it.each<[string, object]>([
    ['利润/营销投入', { code: 'division-by-zero' }],
    ['a / (b - 3)', { code: 'division-by-zero' }],
    ['a + 客单价', { code: 'missing', name: '客单价' }],
    ['x / 营销投入', { code: 'missing', name: 'x' }],
    ['a / 0 + x', { code: 'division-by-zero' }],
  ])('%p fails with %j', (text, error) => {
    const r = parseFormula(text);
    if (!r.ok) throw new Error('fixture must parse');
    expect(evaluateFormula(r.value, lookup)).toEqual({ ok: false, error });
  });

  it('treats a NaN from lookup as missing', () => {
    expect(evaluateFormula(v('a'), () => NaN)).toEqual({ ok: false, error: { code: 'missing', name: 'a' } });
  });
});

describe('formatFormula', () => {
  it.each<[Expr, string]>([
    [bin('/', v('付费订单'), v('访客数')), '付费订单 / 访客数'],
    [bin('*', bin('+', v('a'), v('b')), v('c')), '(a + b) * c'],
    [bin('+', v('a'), bin('*', v('b'), v('c'))), 'a + b * c'],
    [bin('-', v('a'), bin('-', v('b'), v('c'))), 'a - (b - c)'],
    [bin('-', bin('-', v('a'), v('b')), v('c')), 'a - b - c'],
    [bin('/', v('a'), bin('*', v('b'), v('c'))), 'a / (b * c)'],
    [neg(bin('+', v('a'), v('b'))), '-(a + b)'],
    [neg(neg(v('a'))), '-(-a)'],
    [bin('*', v('a'), n(-2)), 'a * -2'],
    [bin('-', v('a'), neg(v('b'))), 'a - -b'],
    [neg(n(-2)), '-(-2)'],
    [n(-2), '-2'],
  ])('%j → %s', (expr, text) => {
    expect(formatFormula(expr)).toBe(text);
  });
});

const NAMES = ['付费订单', '访客数', 'Paid orders', 'Visitors', 'e-commerce GMV', 'A/B 测试数', 'x'];
const values = new Map(NAMES.map((name, i) => [name, (i + 1) * 1.5 - 4]));

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value): Expr => n(value === 0 ? 0 : value)),
    fc.constantFrom(...NAMES).map(v),
    tie('expr').map(neg),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/' as const), tie('expr'), tie('expr'))
      .map(([op, left, right]) => bin(op, left, right)),
  ),
})).expr;

describe('formula properties', () => {
  it('formatFormula then parseFormula evaluates the same', () => {
    fc.assert(
      fc.property(exprArb, (expr) => {
        const text = formatFormula(expr);
        const reparsed = parseFormula(text, NAMES);
        if (!reparsed.ok) return false;
        const lookup = (name: string) => values.get(name);
        const a = evaluateFormula(expr, lookup);
        const b = evaluateFormula(reparsed.value, lookup);
        if (!a.ok || !b.ok) return JSON.stringify(a) === JSON.stringify(b);
        return Object.is(a.value, b.value) || a.value === b.value;
      }),
    );
  });

  it('formatFormula is a fixed point after one round', () => {
    fc.assert(
      fc.property(exprArb, (expr) => {
        const once = formatFormula(expr);
        const r = parseFormula(once, NAMES);
        return r.ok && formatFormula(r.value) === once && formulaNames(r.value).every((name) => NAMES.includes(name));
      }),
    );
  });

  it('never throws on garbage and reports a position inside the text', () => {
    const pieces = fc.constantFrom('a', ' ', '+', '-', '*', '/', '(', ')', '（', '）', '1', '.5', '%', '=', 'e', '订单', '÷');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces).map((p) => p.join(''))), (s) => {
        const r = parseFormula(s, ['a-b', '订单']);
        if (r.ok) return true;
        if (r.error.code === 'empty') return true;
        const p = r.error.position ?? -1;
        return r.error.code === 'formula-syntax' && p >= 0 && p <= Array.from(r.error.input).length;
      }),
    );
  });
});
