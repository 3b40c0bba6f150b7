import fc from 'fast-check';
import { forgetMatchKeys, matchKey, normalizeText } from '../../../shared/text/normalize';
import { toSimplified } from '../../../shared/text/simplified';

/** matchKey's shortcuts (no NFKC for plain text, no table walk without Traditional characters, two cache generations) change no key. */

// matchKey as it was written first: every fold, every time.
function reference(input: string): string {
  return toSimplified(normalizeText(input))
    .toLowerCase()
    .replace(/[\s_\-·・.,:;'"`()[\]{}<>/\\|、，。：；（）【】《》“”‘’]/g, '');
}

const unit = fc.oneof(
  fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u200b', '\ufeff', '_', '-', '·', '（', '）', 'A', 'z', '１', '％', 'ﾊ', '\uf900', '\u2f00', 'é', 'e\u0301', '\u{1f600}', '\ud800'),
  fc.constantFrom(...Array.from('轉化率标權維負責單間門數稱據來範圍務戶習與長開時結類員級規則脫敏護財額營銷訪訂號碼齡區東週團隊項專處學內顧指标部门訪客数利润营销投入今日新注册')),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);

describe('matchKey', () => {
  it('folds as every step would, every time', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (s) => {
        forgetMatchKeys();
        expect(matchKey(s)).toBe(reference(s));
        // Remembered: the same answer again.
        expect(matchKey(s)).toBe(reference(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('folds every BMP character as toSimplified and normalizeText do', () => {
    forgetMatchKeys();
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(matchKey(s)).toBe(reference(s));
    }
  });

  it('keeps answering the same keys past the cache limit', () => {
    forgetMatchKeys();
    const names = Array.from({ length: 120_000 }, (_, i) => `指標 ${i}`);
    for (const pass of [1, 2]) for (const name of names) if (matchKey(name) !== `指标${name.slice(3)}`) throw new Error(`pass ${pass}: ${name}`);
  });
});
