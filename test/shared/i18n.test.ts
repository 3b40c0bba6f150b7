import { knownIssueCodes, localizeIssue } from '../../shared/i18n/messages';
import { pickLocale } from '../../shared/i18n/locale';
import { issue } from '../../shared/issues/issue';

describe('messages', () => {
  it('has the same codes in both languages', () => {
    expect(knownIssueCodes('zh-CN').sort()).toEqual(knownIssueCodes('en-US').sort());
  });

  it('renders a weights issue in the asked language', () => {
    const i = issue('kpi.weights-total', 'error', 'KPI', 'D2:D4', { total: 0.75 });
    expect(localizeIssue(i, 'en-US').message).toBe('The weights add up to 75%, not 100%.');
    expect(localizeIssue(i, 'zh-CN').message).toBe('权重合计为 75%，应为 100%。');
  });

  it.each([
    ['zh-CN', 'zh-CN'], ['zh-TW', 'zh-CN'], ['zh-Hant-HK', 'zh-CN'], ['en-GB', 'en-US'], ['fr-FR', 'en-US'], [undefined, 'en-US'],
  ])('maps display language %s to %s', (tag, expected) => {
    expect(pickLocale(tag)).toBe(expected);
  });
});
