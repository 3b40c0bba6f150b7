import { LOCALES } from '../../../shared/i18n/locale';
import { KIND_SPECS } from '../../../shared/kinds/kind-specs';
import { SHEET_KINDS } from '../../../shared/kinds/sheet-kind';
import { analyseWorkbook } from '../../../shared/workbook/analyse';
import { excelWith, syncsPerRun } from './fixtures';

describe('inserting a template', () => {
  for (const kind of SHEET_KINDS) {
    for (const locale of LOCALES) {
      it(`inserts the ${kind} template in ${locale}, which the engine then recognises`, async () => {
        const { fake, port } = excelWith();
        fake.addSheet('Sheet1');
        const name = await port.insertTemplate(kind, locale);

        expect(syncsPerRun(fake)).toEqual([2]);
        const header = fake.view.texts(name, `A1:${String.fromCharCode(64 + KIND_SPECS[kind].length)}1`)[0]!;
        expect(header).toHaveLength(KIND_SPECS[kind].length);
        if (locale === 'zh-CN') expect(header).toEqual(KIND_SPECS[kind].map((c) => c.headers[0]));
        else expect(header.every((h) => /^[\x20-\x7e]+$/.test(h))).toBe(true);
        const tables = fake.view.tables(name);
        expect(tables).toHaveLength(1);
        expect(tables[0]).toMatchObject({ style: 'TableStyleMedium2', hasHeaders: true });
        expect(fake.view.frozenRows(name)).toBe(1);
        expect(fake.view.activeSheet()).toBe(name);

        const grid = await port.readSheet(name);
        const analysis = analyseWorkbook([grid]);
        expect(analysis.sheets).toEqual([{ name, kind }]);
        expect(analysis.issues).toEqual([]);
      });
    }
  }

  it('gives the KPI template drop-downs and formats that keep typing right', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Sheet1');
    const name = await port.insertTemplate('kpi', 'zh-CN');
    expect(name).toBe('KPI定义');
    expect(fake.view.cell(name, 'E2').choices).toEqual(['财务', '客户', '流程', '学习与成长']);
    expect(fake.view.cell(name, 'E500').choices).toEqual(['财务', '客户', '流程', '学习与成长']);
    expect(fake.view.cell(name, 'D2').numberFormat).toBe('0%');
    expect(fake.view.cell(name, 'C2').numberFormat).toBe('@');
    expect(fake.view.validations(name)[0]?.errorAlert).toMatchObject({ showAlert: true, style: 'Warning' });

    // What a user types lands as the engine expects it.
    await fake.userEdit(name, 'C2', '1-3');
    await fake.userEdit(name, 'D2', '20%');
    expect(fake.view.cell(name, 'C2').value).toBe('1-3');
    expect(fake.view.cell(name, 'D2')).toMatchObject({ value: 0.2, text: '20%' });
  });

  it('gives the plan its date formats and the link-type list, the classification its class list', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('Sheet1');
    const plan = await port.insertTemplate('gantt', 'en-US');
    expect(fake.view.texts(plan, 'A1:H1')[0]).toEqual(['Task', 'Owner', 'Start', 'End', 'Depends on', 'Progress', 'Link type', 'Lag']);
    expect(fake.view.cell(plan, 'C2').numberFormat).toBe('yyyy-mm-dd');
    expect(fake.view.cell(plan, 'F2').numberFormat).toBe('0%');
    expect(fake.view.cell(plan, 'G2').choices).toEqual(['FS', 'SS', 'FF', 'SF']);
    const classes = await port.insertTemplate('classification', 'en-US');
    expect(fake.view.cell(classes, 'B2').choices).toEqual(['public', 'internal', 'core']);
  });

  it('never takes a name that is already there', async () => {
    const { fake, port } = excelWith();
    fake.addSheet('kpi定义');
    const second = await port.insertTemplate('kpi', 'zh-CN');
    const third = await port.insertTemplate('kpi', 'zh-CN');
    expect([second, third]).toEqual(['KPI定义 (2)', 'KPI定义 (3)']);
    expect(new Set([...fake.view.tables(second), ...fake.view.tables(third)].map((t) => t.name)).size).toBe(2);
  });
});
