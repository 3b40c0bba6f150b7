import { localToday } from '../../../addin/taskpane/check-workbook';
import { detectHost } from '../../../addin/taskpane/detect-host';
import { readPeriod } from '../../../addin/taskpane/local-scorecard';


describe('detectHost', () => {
  it('is a plain browser without office.js, with a host-less Office, or when Office never answers', async () => {
    expect(await detectHost({})).toEqual({ kind: 'browser' });
    expect(await detectHost({ Office: { onReady: async () => ({ host: null }) } })).toEqual({ kind: 'browser' });
    const started = Date.now();
    expect(await detectHost({ Office: { onReady: () => new Promise(() => undefined) } }, 50)).toEqual({ kind: 'browser' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is Excel when Office.onReady says so, with Office’s display language', async () => {
    const office = { onReady: async () => ({ host: 'Excel' }), HostType: { Excel: 'Excel' }, context: { displayLanguage: 'zh-CN' } };
    expect(await detectHost({ Office: office })).toEqual({ kind: 'excel', displayLanguage: 'zh-CN' });
    expect(await detectHost({ Office: { ...office, onReady: async () => ({ host: 'Word' }) } })).toEqual({ kind: 'browser' });
  });
});

describe('the period field', () => {
  it.each([
    ['', undefined],
    ['2024年3月', '2024-03'],
    [' 2024-q1 ', '2024-Q1'],
  ])('%j → %j', (text, period) => {
    expect(readPeriod(text)).toEqual({ ok: true, value: period });
  });

  it('refuses what is not a period', () => {
    expect(readPeriod('last month')).toEqual({ ok: false, error: { kind: 'bad-period' } });
  });
});

it('localToday is the local calendar date', () => {
  expect(localToday(new Date(2024, 2, 5, 23, 59))).toBe('2024-03-05');
});
