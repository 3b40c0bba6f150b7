/// <reference types="office-js" />
import { FakeExcel, FakeExcelError, PAYLOAD_LIMIT_BYTES } from '../../../addin/excel-fake';

/**
 * The fake is only worth its tests if it fails code that Excel would fail: these pin down the
 * Office.js rules it enforces (load + sync before reading, queued writes, payload limit, API
 * sets) so that a careless adapter cannot pass on it.
 */
function codeOf(error: unknown): string {
  return error instanceof FakeExcelError ? error.code : String(error);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return codeOf(error);
  }
  throw new Error('expected a failure');
}

function workbook(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet('KPI', [
    ['KPI', 'Target'],
    ['Conversion', '≥3%'],
  ]);
  return fake;
}

describe('the Excel fake enforces load and sync', () => {
  it('throws PropertyNotLoaded when a property is read without load', async () => {
    const fake = workbook();
    const code = await failure(
      fake.excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('KPI').getRange('A1:B2');
        await context.sync();
        return range.values;
      }),
    );
    expect(code).toBe('PropertyNotLoaded');
  });

  it('throws PropertyNotLoaded when a property is read after load but before sync', async () => {
    const fake = workbook();
    const code = await failure(
      fake.excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('KPI').getRange('A1:B2');
        range.load('values');
        return range.values;
      }),
    );
    expect(code).toBe('PropertyNotLoaded');
  });

  it('answers a load at the sync, and only what was loaded', async () => {
    const fake = workbook();
    const values = await fake.excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('KPI').getRange('A1:B2');
      range.load('values');
      await context.sync();
      expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      return range.values;
    });
    expect(values).toEqual([
      ['KPI', 'Target'],
      ['Conversion', '≥3%'],
    ]);
  });

  it('keeps writes queued until the sync', async () => {
    const fake = workbook();
    await fake.excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('KPI').getRange('C1');
      cell.values = [['Weight']];
      cell.format.fill.color = '#FFC7CE';
      expect(fake.view.cell('KPI', 'C1').value).toBe('');
      expect(fake.view.cell('KPI', 'C1').fill).toBeNull();
      await context.sync();
      expect(fake.view.cell('KPI', 'C1')).toMatchObject({ value: 'Weight', fill: '#FFC7CE' });
    });
  });

  it('sends what a batch left queued when Excel.run ends, and counts that sync', async () => {
    const fake = workbook();
    await fake.excel.run(async (context) => {
      context.workbook.worksheets.getItem('KPI').getRange('C1').values = [['x']];
    });
    expect(fake.view.cell('KPI', 'C1').value).toBe('x');
    expect(fake.runs.map((r) => r.syncs)).toEqual([1]);
  });

  it('refuses values of the wrong shape at the sync, not at the assignment', async () => {
    const fake = workbook();
    const code = await failure(
      fake.excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('KPI').getRange('A1:B2');
        range.values = [['only one row']];
        await context.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
  });

  it('fails a batch that names a sheet that does not exist, at the sync', async () => {
    const fake = workbook();
    const code = await failure(
      fake.excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Nope');
        sheet.load('name');
        await context.sync();
      }),
    );
    expect(code).toBe('ItemNotFound');
  });

  it('reports isNullObject only after a sync', async () => {
    const fake = workbook();
    await fake.excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const present = context.workbook.worksheets.getItemOrNullObject('KPI');
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  it('throws NotImplemented for members the fake does not have, instead of reading undefined', async () => {
    const fake = workbook();
    await fake.excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('KPI').getRange('A1');
      expect(() => (range as unknown as Record<string, unknown>).hyperlink).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
      expect(() => {
        (range.format as unknown as Record<string, unknown>).wrapText = true;
      }).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
    });
  });
});

describe('the Excel fake enforces Excel on the web’s 5 MB request and response limits', () => {
  function bigSheet(fake: FakeExcel, rows: number): void {
    fake.addSheet(
      'Big',
      Array.from({ length: rows }, (_, r) => Array.from({ length: 7 }, (_, c) => `row ${r} column ${c} text`)),
    );
  }

  it('refuses a load whose answer is over the limit', async () => {
    const fake = new FakeExcel();
    bigSheet(fake, 40_000);
    const code = await failure(
      fake.excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Big').getRange('A1:G40000');
        range.load('values');
        await context.sync();
      }),
    );
    expect(code).toBe('ResponsePayloadSizeLimitExceeded');
    // The request was small: it is the answer that is too big.
    expect(fake.runs[0]?.requests[0]).toBeLessThan(1_000);
    expect(fake.runs[0]?.responses[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  it('refuses an oversized answer even when the batch also wrote, and rolls the writes back', async () => {
    const fake = new FakeExcel();
    bigSheet(fake, 40_000);
    const code = await failure(
      fake.excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Big');
        sheet.getRange('A1').values = [['changed']];
        sheet.getRange('A1:G40000').load('values');
        await context.sync();
      }),
    );
    expect(code).toBe('ResponsePayloadSizeLimitExceeded');
    expect(fake.view.cell('Big', 'A1').value).toBe('row 0 column 0 text');
  });

  it('weighs a request and its response each against its own limit', async () => {
    // 3 MB sent and 3 MB loaded in one sync: each under 5 MB, so Excel takes it.
    const fake = new FakeExcel();
    bigSheet(fake, 14_000);
    const rows = Array.from({ length: 14_000 }, (_, r) => Array.from({ length: 7 }, () => `value ${r} padded to be long`));
    await fake.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Big');
      sheet.getRange('A1:G14000').load('values');
      sheet.getRange('I1:O14000').values = rows;
      await context.sync();
    });
    expect(fake.maxRequestBytes).toBeGreaterThan(2_000_000);
    expect(fake.maxResponseBytes).toBeGreaterThan(2_000_000);
    expect(fake.maxRequestBytes + fake.maxResponseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.runs[0]!.failures).toEqual([]);
  });

  it('refuses a write over the limit whole, leaving the workbook as it was', async () => {
    const fake = workbook();
    const rows = Array.from({ length: 40_000 }, (_, r) => Array.from({ length: 7 }, () => `value ${r} padded to be long`));
    const code = await failure(
      fake.excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('KPI');
        sheet.getRange('A1').values = [['changed']];
        sheet.getRange('A10:G40009').values = rows;
        await context.sync();
      }),
    );
    expect(code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.view.cell('KPI', 'A1').value).toBe('KPI');
  });

  it('counts loads and writes of one sync together', async () => {
    const fake = new FakeExcel();
    bigSheet(fake, 10_000);
    await fake.excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Big').getRange('A1:G10000');
      range.load('values');
      await context.sync();
    });
    const loadOnly = fake.runs[0]!.payloads[0]!;
    expect(loadOnly).toBeGreaterThan(10_000 * 7 * 24);
    expect(loadOnly).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });
});

describe('the Excel fake behaves like Excel where the adapter must defend itself', () => {
  it('parses strings written to values as typing: formulas, percents, dates', async () => {
    const fake = workbook();
    await fake.excel.run(async (context) => {
      context.workbook.worksheets.getItem('KPI').getRange('A5:E5').values = [['=1+1', '+86 138 0000 0000', '3%', '2024-03', '@x']];
      await context.sync();
    });
    const [a, b, c, d, e] = ['A5', 'B5', 'C5', 'D5', 'E5'].map((x) => fake.view.cell('KPI', x));
    expect(a).toMatchObject({ value: 2, formula: '=1+1' });
    expect(b?.formula).toBe('=+86 138 0000 0000');
    expect(c).toMatchObject({ value: 0.03, text: '3%' });
    expect(d?.text).toBe('Mar-24');
    expect(e?.value).toBe('#NAME?');
  });

  it('keeps text as typed in a Text-formatted cell', async () => {
    const fake = workbook();
    await fake.excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('KPI').getRange('A5');
      range.numberFormat = [['@']];
      range.values = [['=1+1']];
      await context.sync();
    });
    expect(fake.view.cell('KPI', 'A5')).toMatchObject({ value: '=1+1', formula: null, text: '=1+1' });
  });

  it('has no notes below ExcelApi 1.18, and says so', async () => {
    const fake = new FakeExcel({ apiVersion: '1.10' });
    fake.addSheet('KPI', [['KPI']]);
    expect(fake.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
    expect(fake.requirements.isSetSupported('ExcelApi', '1.9')).toBe(true);
    const code = await failure(fake.excel.run(async (context) => context.workbook.worksheets.getItem('KPI').notes));
    expect(code).toBe('ApiNotFound');
  });

  it('refuses every request while the user is typing in a cell (InvalidOperationInCellEditMode), and answers once they leave it', async () => {
    const fake = workbook();
    const read = () =>
      fake.excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('KPI').getRange('A1');
        range.load('values');
        await context.sync();
        return range.values[0]![0];
      });
    fake.userEntersCell();
    await expect(failure(read())).resolves.toBe('InvalidOperationInCellEditMode');
    fake.userLeavesCell();
    await expect(read()).resolves.toBe('KPI');
    expect(fake.runs.map((r) => r.failures)).toEqual([['InvalidOperationInCellEditMode'], []]);
  });

  it('types as a user would and tells onChanged handlers', async () => {
    const fake = workbook();
    const seen: string[] = [];
    await fake.excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (args) => {
        seen.push(args.address);
      });
      await context.sync();
    });
    await fake.userEdit('KPI', 'B2', '≥5%');
    expect(seen).toEqual(['B2']);
    expect(fake.view.cell('KPI', 'B2').value).toBe('≥5%');
  });
});
