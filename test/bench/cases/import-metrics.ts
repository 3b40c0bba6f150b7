import path from 'node:path';
import ExcelJS from 'exceljs';
import { computeScorecard } from '../../../shared/engine/scorecard';
import { importWorkbook } from '../../../server/workbook/import-workbook';
import { rawExceljsStreamRead } from '../../../server/workbook/raw-exceljs-read';
import type { BenchCase } from './types';

export const METRIC_ROWS = 100_000;
const FILE = 'metrics-100k.xlsx';

/** 100k metric rows: 12 months × 500 departments × ~17 metrics, plus the KPI sheet that scores them. */
export async function writeMetricWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const kpi = workbook.addWorksheet('KPI');
  kpi.addRow(['KPI', '公式', '目标值', '权重', '维度']).commit();
  kpi.addRow(['转化率', '付费订单/访客数', '≥3%', '40%', '客户']).commit();
  kpi.addRow(['ROI', '利润/营销投入', '≥4', '40%', '财务']).commit();
  kpi.addRow(['日增用户数', '今日新注册数', '≥500', '20%', '客户']).commit();
  kpi.commit();
  const sheet = workbook.addWorksheet('指标数据');
  sheet.addRow(['期间', '部门', '指标', '数值']).commit();
  const metrics = ['付费订单', '访客数', '利润', '营销投入', '今日新注册数'];
  let written = 0;
  for (let dept = 0; written < METRIC_ROWS; dept++) {
    for (let month = 1; month <= 12 && written < METRIC_ROWS; month++) {
      for (const metric of metrics) {
        if (written >= METRIC_ROWS) break;
        const period = `2024-${String(month).padStart(2, '0')}`;
        sheet.addRow([period, `部门${dept}`, metric, ((dept * 7919 + month * 104729) % 10000) + 1]).commit();
        written++;
      }
    }
  }
  sheet.commit();
  await workbook.commit();
}

export const importMetricsCase: BenchCase = {
  name: 'import-100k',
  description: 'import a 100k-row metric sheet end to end (guarded read, check, scorecard) vs exceljs streaming read',
  target: 1.3,
  maxPeakMB: 400,
  prepare: (dir) => writeMetricWorkbook(path.join(dir, FILE)),
  async ours(dir) {
    const imported = await importWorkbook(path.join(dir, FILE));
    if (!imported.ok) throw new Error(`bench file refused: ${imported.error.code}`);
    const { analysis } = imported.value;
    const report = computeScorecard({ kpis: analysis.records.kpis, metrics: analysis.records.metrics, resolver: analysis.resolver });
    if (analysis.records.metrics.length !== METRIC_ROWS) throw new Error(`read ${analysis.records.metrics.length} metric rows`);
    return { rows: report.rows.length };
  },
  async baseline(dir) {
    const rows = await rawExceljsStreamRead(path.join(dir, FILE));
    return { rows };
  },
};
