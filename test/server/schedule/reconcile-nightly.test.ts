import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_KPI_TABLE, DEMO_METRIC_TABLE } from '../../../server/demo/handbook-tables';
import { publishScorecards, type PublishDeps } from '../../../server/schedule/publish-scorecards';
import type { JobLog } from '../../../server/schedule/scheduler';
import { KPI_SPEC } from '../../../shared/kinds/kpi/spec';
import { METRIC_SPEC } from '../../../shared/kinds/metrics/spec';
import { RECONCILE_SPEC } from '../../../shared/kinds/reconcile/spec';
import type { TableSpec } from '../../../shared/table/columns';
import type { CellValue } from '../../../shared/table/grid';
import { findHeader, readTable } from '../../../shared/table/locate';
import { FakeScheduleStore } from '../../fixtures/fake-schedule-store';
import { grid } from '../../fixtures/grids';
import { PSEUDONYM_KEY } from '../../fixtures/service';

/**
 * The nightly reconciliation runs with the scheduled scorecard: the workspace's rule sheets
 * and the synced sheets they name are read from the store as the scorecard's audience sees
 * them; what the rules find goes to the workbook's issues sheet and, as counts by code, to
 * the run's outcome and log (never a key or a value in the log).
 */
const FIRE_AT = '2024-03-01T05:00:00Z';
type Rows = readonly (readonly CellValue[])[];

function storedRows(table: Rows, spec: TableSpec<string>, key: (cells: Record<string, CellValue>) => string) {
  const g = grid('x', table);
  const header = findHeader(g, spec);
  if (!header) throw new Error('fixture table has no header');
  return readTable(g, header).rows.map((r) => ({ key: key(r.cells as Record<string, CellValue>), cells: r.cells as Record<string, CellValue> }));
}
const metricKey = (c: Record<string, CellValue>) => `${String(c.period)}|${String(c.department)}|${String(c.metric)}`;

/** Finance's copy of the metric values: the first value 5 higher, the last row never arrived. */
const FINANCE: Rows = DEMO_METRIC_TABLE.slice(0, -1).map((row, i) => (i === 1 ? [row[0]!, row[1]!, row[2]!, Number(row[3]) + 5] : row));
const FIRST = DEMO_METRIC_TABLE[1]!;
const LAST = DEMO_METRIC_TABLE.at(-1)!;

function seed(store: FakeScheduleStore, rules: Rows, withKpis = true): void {
  if (withKpis) store.addSheet('t', 'w', { workbook: 'ops.xlsx', sheet: 'KPI', kind: 'kpi', rows: storedRows(DEMO_KPI_TABLE, KPI_SPEC, (c) => String(c.name)) });
  store.addSheet('t', 'w', { workbook: 'ops.xlsx', sheet: '指标数据', kind: 'metrics', rows: storedRows(DEMO_METRIC_TABLE, METRIC_SPEC, metricKey) });
  store.addSheet('t', 'w', { workbook: 'finance.xlsx', sheet: '财务', kind: 'metrics', rows: storedRows(FINANCE, METRIC_SPEC, metricKey) });
  store.addSheet('t', 'w', { workbook: 'ops.xlsx', sheet: '核对', kind: 'reconcile', rows: storedRows(rules, RECONCILE_SPEC, (c) => String(c.rule)) });
}

const RULES: Rows = [
  ['Rule', 'Left sheet', 'Right sheet', 'Key columns', 'Compare columns', 'Tolerance'],
  ['Operations vs finance', '指标数据', '财务', 'Period, Department, Metric', 'Value', 1],
];

function recordingLog(): { log: JobLog; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
  return { log: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

function deps(store: FakeScheduleStore, log: JobLog): PublishDeps {
  return { store, pseudonymKey: PSEUDONYM_KEY, tenants: () => store.tenants(), log };
}

async function issueRows(file: string, sheetName: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no ${sheetName} sheet`);
  const rows: string[] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).map(String).join(' | ')));
  return rows;
}

describe('nightly reconciliation with the scheduled scorecard', () => {
  it('reports the missing row and the differing value in the workbook issues, and counts them in the outcome and the log', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reconcile-nightly-'));
    const store = new FakeScheduleStore();
    seed(store, RULES);
    const { log, lines } = recordingLog();

    const [outcome] = await publishScorecards({ dir, locale: 'en-US', timezone: 'UTC' }, deps(store, log), FIRE_AT);

    expect(outcome).toMatchObject({
      status: 'written',
      reconciliation: { rules: 1, errors: 3, warnings: 0, codes: { 'reconcile.mismatch': 2, 'reconcile.missing-right': 1 } },
    });
    const rows = await issueRows((outcome as { file: string }).file, 'Issues');
    const missingKey = `${String(LAST[0])} / ${String(LAST[1])} / ${String(LAST[2])}`;
    expect(rows.some((r) => r.includes('reconcile.missing-right') && r.includes(`Rule “Operations vs finance”: “${missingKey}” has no row in “财务”.`))).toBe(true);
    expect(rows.filter((r) => r.includes('reconcile.mismatch'))).toHaveLength(2);

    const reconciled = lines.filter((l) => l.includes('Reconciliation'));
    expect(reconciled).toHaveLength(1);
    expect(reconciled[0]).toMatch(/^warn Reconciliation found differences /);
    expect(reconciled[0]).toContain('"reconcile.missing-right":1');
    // No key and no value reaches the log: the row's period/metric and the two amounts.
    const everything = lines.join('\n');
    for (const secret of [String(FIRST[2]), String(LAST[2]), String(Number(FIRST[3]) + 5)]) expect(everything).not.toContain(secret);
  });

  it('speaks Chinese in a zh-CN run, and reconciles even a workspace without KPIs (no workbook then)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reconcile-nightly-'));
    const store = new FakeScheduleStore();
    seed(store, [['校验规则', '左表', '右表', '关联列', '比对列', '容差'], ['运营对财务', '指标数据', '财务', '期间、部门、指标', '数值', null]], false);
    const { log, lines } = recordingLog();
    const [outcome] = await publishScorecards({ dir, locale: 'zh-CN', timezone: 'UTC' }, deps(store, log), FIRE_AT);
    expect(outcome).toMatchObject({ status: 'skipped', reconciliation: { rules: 1, errors: 3 } });
    expect(lines.some((l) => l.startsWith('warn Reconciliation found differences'))).toBe(true);

    const zh = new FakeScheduleStore();
    seed(zh, [['校验规则', '左表', '右表', '关联列', '比对列', '容差'], ['运营对财务', '指标数据', '财务', '期间、部门、指标', '数值', 10]]);
    const [written] = await publishScorecards({ dir, locale: 'zh-CN', timezone: 'UTC' }, deps(zh, recordingLog().log), FIRE_AT);
    // Within a tolerance of 10 the +5 agrees: only the missing row is left.
    expect(written).toMatchObject({ status: 'written', reconciliation: { errors: 1, codes: { 'reconcile.missing-right': 1 } } });
    const rows = await issueRows((written as { file: string }).file, '问题');
    expect(rows.some((r) => r.includes('规则“运营对财务”') && r.includes('在“财务”中没有对应的行。'))).toBe(true);
  });

  it('says nothing about reconciliation in a workspace without rules', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reconcile-nightly-'));
    const store = new FakeScheduleStore();
    store.addSheet('t', 'w', { workbook: 'ops.xlsx', sheet: 'KPI', kind: 'kpi', rows: storedRows(DEMO_KPI_TABLE, KPI_SPEC, (c) => String(c.name)) });
    const { log, lines } = recordingLog();
    const [outcome] = await publishScorecards({ dir, locale: 'en-US', timezone: 'UTC' }, deps(store, log), FIRE_AT);
    expect(outcome!.status).toBe('written');
    expect(outcome).not.toHaveProperty('reconciliation');
    expect(lines.some((l) => l.includes('Reconciliation'))).toBe(false);
  });
});
