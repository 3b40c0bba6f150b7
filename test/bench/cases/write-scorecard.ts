import path from 'node:path';
import type { ScoreRow, ScorecardReport } from '../../../shared/engine/scorecard-types';
import { PERSPECTIVES } from '../../../shared/engine/scorecard-types';
import { rawStreamWrite } from '../../../server/workbook/raw-stream-write';
import { writeScorecardWorkbook } from '../../../server/workbook/scorecard-writer';
import type { BenchCase } from './types';

const ROWS = 100_000;

function bigReport(): ScorecardReport {
  const statuses = ['green', 'amber', 'red', 'none'] as const;
  const rows: ScoreRow[] = [];
  for (let i = 0; i < ROWS; i++) {
    const achievement = i % 4 === 3 ? null : 0.8 + (i % 50) / 100;
    rows.push({
      period: `2024-${String((i % 12) + 1).padStart(2, '0')}`,
      department: `部门${Math.floor(i / 120)}`,
      kpi: `KPI ${i % 10}`,
      perspective: PERSPECTIVES[i % 4]!,
      actual: achievement === null ? null : i * 1.5,
      target: '≥500',
      achievement,
      status: statuses[i % 4]!,
      weight: 0.1,
      score: achievement === null ? null : 0.1 * Math.min(achievement, 1.2),
      award: achievement !== null && achievement >= 1.15,
    });
  }
  return { rows, perspectives: [], overall: [] };
}

/** The same cells as the KPI detail sheet, as plain values: what the raw writer has to write. */
function plainCells(report: ScorecardReport): (string | number | null)[][] {
  return report.rows.map((r) => [
    r.period, r.department, r.kpi, r.perspective, r.actual, r.target, r.achievement, r.status, r.weight, r.score, r.award ? '✓' : null,
  ]);
}

export const writeScorecardCase: BenchCase = {
  name: 'scorecard-write-100k',
  description: 'write a 100k-row scorecard workbook vs exceljs streaming write of the same cells',
  target: 1.3,
  maxPeakMB: 400,
  prepare: async () => {},
  async ours(dir) {
    await writeScorecardWorkbook({ report: bigReport(), issues: [], locale: 'en-US' }, { path: path.join(dir, 'ours.xlsx') });
  },
  async baseline(dir) {
    await rawStreamWrite(plainCells(bigReport()), path.join(dir, 'raw.xlsx'));
  },
};
