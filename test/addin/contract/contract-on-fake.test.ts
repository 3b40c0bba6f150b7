import { CONTRACT_CASES } from '../../../addin/contract/cases';
import { formatReport, SuiteReportSchema, suitePassed } from '../../../addin/contract/report';
import { runContractSuite, SCRATCH_SHEET, SUITE_STATE_KEYS } from '../../../addin/contract/run-suite';
import { FakeExcel } from '../../../addin/excel-fake';

/**
 * The WorkbookPort contract suite (addin/contract/) on the strict fake: the same cases `npm run
 * test:excel` runs inside a real Excel and the pane's Diagnostics view runs in the user's own.
 * The user's workbook is left as it was: their sheets, their active sheet, their records.
 */
function usersWorkbook(apiVersion?: string): FakeExcel {
  const fake = new FakeExcel(apiVersion ? { apiVersion } : {});
  fake.addSheet('KPI', [['KPI', '目标值'], ['转化率', '≥3%']]);
  fake.addSheet('计分卡', [['the user’s own sheet called Scorecard']]);
  fake.model.settings.set('opsScorecard.marks.v1', '{"x":{"fills":[],"notes":[]}}');
  return fake;
}

describe.each([
  ['ExcelApi 1.18 (notes)', '1.18'],
  ['ExcelApi 1.10 (threaded comments)', '1.10'],
])('the contract suite on the fake Excel, %s', (_label, apiVersion) => {
  it.each(['en-US', 'zh-CN'] as const)('%s: every case passes and the workbook is left as it was', async (locale) => {
    const fake = usersWorkbook(apiVersion);
    const before = structuredClone(fake.model);
    const report = await runContractSuite({
      excel: fake.excel,
      requirements: fake.requirements,
      host: { host: 'Excel', platform: 'Fake', version: apiVersion },
      locale,
    });
    const failed = report.cases.filter((c) => c.status !== 'passed');
    expect(failed).toEqual([]);
    expect(report.cases.map((c) => c.id)).toEqual(CONTRACT_CASES.map((c) => c.id));
    expect(suitePassed(report)).toBe(true);
    expect(SuiteReportSchema.parse(report)).toEqual(report);
    expect(report.host.requirementSets).toEqual([`ExcelApi ${apiVersion}`]);

    expect(fake.view.sheetNames()).toEqual(['KPI', '计分卡']);
    expect(fake.view.sheetNames().some((n) => n.startsWith(SCRATCH_SHEET))).toBe(false);
    expect(fake.model.settings.has(SUITE_STATE_KEYS.marks)).toBe(false);
    expect(fake.model.settings.has(SUITE_STATE_KEYS.layout)).toBe(false);
    expect(fake.model.settings).toEqual(before.settings);
    expect(fake.view.activeSheet()).toBe('KPI');
    expect(formatReport(report).split('\n').at(-1)).toBe(`${CONTRACT_CASES.length} passed, 0 failed`);
  });
});

describe('the contract suite catches an adapter that gets it wrong', () => {
  it('reports a case failed with the Office error code, and still cleans up', async () => {
    const fake = usersWorkbook();
    // An Excel that refuses note writes: the marking case fails with Excel's code.
    const excel = {
      run: ((first: unknown, second?: unknown) => {
        const batch = (typeof first === 'function' ? first : second) as (context: Excel.RequestContext) => Promise<unknown>;
        return fake.excel.run(async (context) => {
          const ws = context.workbook.worksheets;
          const getItem = ws.getItem.bind(ws);
          (ws as unknown as { getItem: unknown }).getItem = (key: string) => {
            const sheet = getItem(key);
            if (!key.startsWith(SCRATCH_SHEET)) return sheet;
            return new Proxy(sheet, {
              get: (target, prop, receiver) => {
                if (prop === 'notes') throw Object.assign(new Error('The operation is not allowed.'), { code: 'AccessDenied' });
                return Reflect.get(target, prop, receiver) as unknown;
              },
            });
          };
          return batch(context);
        });
      }) as typeof fake.excel.run,
    };
    const report = await runContractSuite({ excel: excel as typeof fake.excel, requirements: fake.requirements, host: { host: 'Excel', platform: 'Fake', version: '1.18' }, locale: 'en-US' });
    const marking = report.cases.find((c) => c.id === 'mark-cells')!;
    expect(marking).toMatchObject({ status: 'failed', code: 'AccessDenied' });
    expect(suitePassed(report)).toBe(false);
    expect(report.cleanedUp).toBe(true);
    expect(fake.view.sheetNames()).toEqual(['KPI', '计分卡']);
    expect(formatReport(report)).toContain('FAIL  mark-cells');
    expect(formatReport(report)).toContain('[AccessDenied]');
  });

  it('a wrong answer is an Assertion failure saying what was expected', async () => {
    const fake = usersWorkbook();
    const report = await runContractSuite(
      { excel: fake.excel, requirements: { isSetSupported: () => false }, host: { host: 'Excel', platform: 'Fake', version: '1.1' }, locale: 'en-US' },
      { cases: CONTRACT_CASES.filter((c) => c.id === 'requirement-minimum') },
    );
    expect(report.cases).toEqual([expect.objectContaining({ id: 'requirement-minimum', status: 'failed', code: 'Assertion', detail: expect.stringContaining('1.10') })]);
  });
});
