import fc from 'fast-check';
import { formatTarget, parseTarget } from '../../../shared/parse/target';
import type { Target, Unit } from '../../../shared/parse/types';
import type { CellValue } from '../../../shared/table/grid';

const higher = (value: number, unit: Unit = 'none'): Target => ({ kind: 'higher', value, unit });
const lower = (value: number, unit: Unit = 'none'): Target => ({ kind: 'lower', value, unit });
const range = (low: number, high: number, unit: Unit = 'none'): Target => ({ kind: 'range', low, high, unit });
const trend: Target = { kind: 'trend' };

describe('parseTarget accepts', () => {
  it.each<[CellValue, Target]>([
    // higher is better
    ['≥3%', higher(0.03, 'percent')],
    ['>=3%', higher(0.03, 'percent')],
    ['＞＝３％', higher(0.03, 'percent')],
    ['≧3%', higher(0.03, 'percent')],
    ['>3%', higher(0.03, 'percent')],
    ['≥ 3%', higher(0.03, 'percent')],
    ['不低于95%', higher(0.95, 'percent')],
    ['至少500', higher(500)],
    ['大于等于500', higher(500)],
    ['不少于500', higher(500)],
    ['大于500', higher(500)],
    ['at least 500', higher(500)],
    ['At Least 500', higher(500)],
    ['min 500', higher(500)],
    ['min: 500', higher(500)],
    ['≥500', higher(500)],
    ['≥1.2万', higher(12000)],
    ['≥-5', higher(-5)],
    ['95%以上', higher(0.95, 'percent')],
    ['500及以上', higher(500)],
    ['500', higher(500)],
    ['3%', higher(0.03, 'percent')],
    ['¥500', higher(500, 'yuan')],
    [500, higher(500)],
    [0.03, higher(0.03)],
    // lower is better
    ['≤4小时', lower(4, 'hour')],
    ['<=4h', lower(4, 'hour')],
    ['<4h', lower(4, 'hour')],
    ['＜＝4h', lower(4, 'hour')],
    ['不超过4小时', lower(4, 'hour')],
    ['不超過4小時', lower(4, 'hour')],
    ['至多3天', lower(3, 'day')],
    ['小于等于2%', lower(0.02, 'percent')],
    ['不高于2%', lower(0.02, 'percent')],
    ['at most 4 hours', lower(4, 'hour')],
    ['max 30 min', lower(0.5, 'hour')],
    ['MAX 4h', lower(4, 'hour')],
    ['4小时以内', lower(4, 'hour')],
    ['2%以下', lower(0.02, 'percent')],
    ['控制在3%以内', lower(0.03, 'percent')],
    // ranges
    ['2%-3%', range(0.02, 0.03, 'percent')],
    ['2-3%', range(0.02, 0.03, 'percent')],
    ['2%~3%', range(0.02, 0.03, 'percent')],
    ['2%～3%', range(0.02, 0.03, 'percent')],
    ['2%〜3%', range(0.02, 0.03, 'percent')],
    ['2%至3%', range(0.02, 0.03, 'percent')],
    ['2%到3%', range(0.02, 0.03, 'percent')],
    ['2%–3%', range(0.02, 0.03, 'percent')],
    ['2% — 3%', range(0.02, 0.03, 'percent')],
    ['2 - 3 %', range(0.02, 0.03, 'percent')],
    ['between 2% and 3%', range(0.02, 0.03, 'percent')],
    ['Between 2 and 3', range(2, 3)],
    ['2 to 3 days', range(2, 3, 'day')],
    ['介于2%和3%之间', range(0.02, 0.03, 'percent')],
    ['2%到3%之间', range(0.02, 0.03, 'percent')],
    ['控制在2%-3%', range(0.02, 0.03, 'percent')],
    ['1.2万~1.5万', range(12000, 15000)],
    ['1.2~1.5万', range(12000, 15000)],
    ['1.2万元~1.5万元', range(12000, 15000, 'yuan')],
    ['¥100-200', range(100, 200, 'yuan')],
    ['100-200元', range(100, 200, 'yuan')],
    ['-5~5', range(-5, 5)],
    ['-5-5', range(-5, 5)],
    ['-5--3', range(-5, -3)],
    ['−5~−3', range(-5, -3)],
    ['3-3', range(3, 3)],
    ['1,000-2,000', range(1000, 2000)],
    // trends
    ['稳定增长', trend],
    ['穩定增長', trend],
    ['持续增长', trend],
    ['持續增長', trend],
    ['增长', trend],
    ['steady growth', trend],
    ['Steady  Growth', trend],
    ['growth', trend],
    ['↑', trend],
  ])('%p → %j', (input, target) => {
    expect(parseTarget(input)).toEqual({ ok: true, value: target });
  });
});

describe('parseTarget rejects', () => {
  it.each<[CellValue, string]>([
    [null, 'empty'],
    ['', 'empty'],
    ['  ', 'empty'],
    [true, 'not-a-target'],
    [NaN, 'not-a-target'],
    [Infinity, 'not-a-target'],
    ['abc', 'not-a-target'],
    ['≥', 'not-a-target'],
    ['≥abc', 'not-a-target'],
    ['≥≥3', 'not-a-target'],
    ['3-2', 'not-a-target'],
    ['5%-3%', 'not-a-target'],
    ['2%-3h', 'not-a-target'],
    ['2%-3', 'not-a-target'],
    ['2-', 'not-a-target'],
    ['-', 'not-a-target'],
    ['2~3~4', 'not-a-target'],
    ['between 3 and 2', 'not-a-target'],
    ['minimal', 'not-a-target'],
    ['maximum effort', 'not-a-target'],
    ['增长10%', 'not-a-target'],
    ['下降', 'not-a-target'],
    ['2024-03', 'not-a-target'],
  ])('%p → %s', (input, code) => {
    const r = parseTarget(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('formatTarget', () => {
  it.each<[Target, string, string]>([
    [higher(0.03, 'percent'), '≥3%', '≥3%'],
    [higher(0.07, 'percent'), '≥7%', '≥7%'],
    [lower(4, 'hour'), '≤4h', '≤4小时'],
    [lower(3, 'day'), '≤3d', '≤3天'],
    [higher(500, 'yuan'), '≥500 yuan', '≥500元'],
    [higher(500), '≥500', '≥500'],
    [range(0.02, 0.03, 'percent'), '2%–3%', '2%–3%'],
    [range(-5, 5), '-5–5', '-5–5'],
    [trend, 'steady growth', '稳定增长'],
  ])('%j → %s / %s', (t, en, zh) => {
    expect(formatTarget(t, 'en-US')).toBe(en);
    expect(formatTarget(t, 'zh-CN')).toBe(zh);
  });
});

const units = fc.constantFrom<Unit>('percent', 'hour', 'day', 'yuan', 'none');
const value = fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const anyTarget: fc.Arbitrary<Target> = fc.oneof(
  fc.record({ kind: fc.constant('higher' as const), value, unit: units }),
  fc.record({ kind: fc.constant('lower' as const), value, unit: units }),
  fc
    .tuple(value, value, units)
    .map(([a, b, unit]): Target => ({ kind: 'range', low: Math.min(a, b), high: Math.max(a, b), unit })),
  fc.constant(trend),
);

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function sameTarget(a: Target, b: Target): boolean {
  if (a.kind === 'trend' || b.kind === 'trend') return a.kind === b.kind;
  if (a.kind === 'range' || b.kind === 'range') {
    return a.kind === 'range' && b.kind === 'range' && a.unit === b.unit && close(a.low, b.low) && close(a.high, b.high);
  }
  return a.kind === b.kind && a.unit === b.unit && close(a.value, b.value);
}

describe('target properties', () => {
  it.each(['en-US', 'zh-CN'] as const)('parseTarget reads back what formatTarget writes (%s)', (locale) => {
    fc.assert(
      fc.property(anyTarget, (t) => {
        const r = parseTarget(formatTarget(t, locale));
        return r.ok && sameTarget(r.value, t);
      }),
    );
  });

  it('never throws on garbage', () => {
    const pieces = fc.constantFrom('≥', '<', '-', '~', '%', '万', '至', ' ', '1', '2.5', 'between', 'and', '(', ')', '¥', '增长', 'min');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces).map((p) => p.join(''))), (s) => {
        const r = parseTarget(s);
        return r.ok || ['empty', 'not-a-target'].includes(r.error.code);
      }),
    );
  });
});
