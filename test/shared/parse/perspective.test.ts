import fc from 'fast-check';
import { PERSPECTIVES, type PerspectiveCode } from '../../../shared/engine/scorecard-types';
import { parsePerspective, perspectiveLabel } from '../../../shared/parse/perspective';
import type { CellValue } from '../../../shared/table/grid';

describe('parsePerspective', () => {
  it.each<[CellValue, PerspectiveCode]>([
    ['财务', 'financial'],
    ['財務', 'financial'],
    ['财务维度', 'financial'],
    ['财务层面', 'financial'],
    ['finance', 'financial'],
    ['Financial', 'financial'],
    ['FINANCIAL', 'financial'],
    [' 财务 ', 'financial'],
    ['Financial perspective', 'financial'],
    ['客户', 'customer'],
    ['客戶', 'customer'],
    ['顾客', 'customer'],
    ['customer', 'customer'],
    ['Customers', 'customer'],
    ['client', 'customer'],
    ['客户维度', 'customer'],
    ['流程', 'process'],
    ['内部流程', 'process'],
    ['內部流程', 'process'],
    ['内部运营', 'process'],
    ['内部业务流程', 'process'],
    ['process', 'process'],
    ['Internal process', 'process'],
    ['internal  business   process', 'process'],
    ['Internal-Process', 'process'],
    ['operations', 'process'],
    ['学习', 'learning'],
    ['學習', 'learning'],
    ['学习与成长', 'learning'],
    ['學習與成長', 'learning'],
    ['学习成长', 'learning'],
    ['成长', 'learning'],
    ['learning', 'learning'],
    ['Learning and Growth', 'learning'],
    ['learning & growth', 'learning'],
    ['Learning&Growth', 'learning'],
    ['people', 'learning'],
  ])('%p → %s', (input, code) => {
    expect(parsePerspective(input)).toBe(code);
  });

  it.each<CellValue>([null, '', '  ', 'growth', 'Growth', '销售', 'marketing', 'learning and', 1, true])('%p → null', (input) => {
    expect(parsePerspective(input)).toBeNull();
  });

  it('reads back every label it writes', () => {
    for (const code of PERSPECTIVES) {
      expect(parsePerspective(perspectiveLabel(code, 'zh-CN'))).toBe(code);
      expect(parsePerspective(perspectiveLabel(code, 'en-US'))).toBe(code);
    }
  });

  it('never throws and answers a code or null', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parsePerspective(s);
        return r === null || (PERSPECTIVES as readonly string[]).includes(r);
      }),
    );
  });
});

describe('perspectiveLabel', () => {
  it.each<[PerspectiveCode, string, string]>([
    ['financial', '财务', 'Financial'],
    ['customer', '客户', 'Customer'],
    ['process', '流程', 'Internal process'],
    ['learning', '学习与成长', 'Learning & growth'],
  ])('%s → %s / %s', (code, zh, en) => {
    expect(perspectiveLabel(code, 'zh-CN')).toBe(zh);
    expect(perspectiveLabel(code, 'en-US')).toBe(en);
  });
});
