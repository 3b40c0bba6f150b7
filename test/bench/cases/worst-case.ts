import { sheetIssues } from '../../../shared/workbook/sheet-issues';
import type { CellValue } from '../../../shared/table/grid';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { BenchCase } from './types';

/**
 * The inputs of issue #19's finding 6, each checked by the same engine as a normal sheet of the
 * same number of rows: the ratio says what one hostile sheet costs against an ordinary one (it
 * used to be a minute of a blocked service). Inputs are built in memory, untimed.
 */
type Rows = Record<string, CellValue>[];

function analyse(kind: SheetKind, rows: Rows): Record<string, number> {
  const issues = sheetIssues({ sheet: 'S', kind, rows, today: '2024-03-01', locale: 'en-US' });
  return { issues: issues.length };
}

function worstCase(name: string, description: string, kind: SheetKind, hostile: () => Rows, normal: () => Rows, target: number): BenchCase {
  return {
    name,
    description,
    target,
    maxPeakMB: null,
    prepare: async () => undefined,
    setup: (_dir, variant) => (variant === 'ours' ? hostile() : normal()),
    ours: async (_dir, input) => analyse(kind, input as Rows),
    baseline: async (_dir, input) => analyse(kind, input as Rows),
  };
}

const ROWS = 2_000;

export const worstCaseCases: readonly BenchCase[] = [
  worstCase(
    'worst-case-long-targets',
    `${ROWS} KPI rows whose targets are 32k characters ("-"×32766+"1", "2024-01-01~"×2978) vs ${ROWS} ordinary KPI rows`,
    'kpi',
    () => Array.from({ length: ROWS }, (_, i) => ({ name: `KPI ${i}`, target: i % 2 === 0 ? '-'.repeat(32766) + '1' : '2024-01-01~'.repeat(2978), weight: 0.0005 })),
    () => Array.from({ length: ROWS }, (_, i) => ({ name: `KPI ${i}`, target: '≥3%', weight: 0.0005 })),
    3,
  ),
  worstCase(
    'worst-case-gantt-names',
    `${ROWS} Gantt rows of 2,000-character names, each waiting on 10 unknown tasks, vs ${ROWS} ordinary rows`,
    'gantt',
    () => Array.from({ length: ROWS }, (_, i) => ({ task: `任务${i}-${'很长的名字'.repeat(400)}`, start: '2024-03-01', end: '2024-03-05', depends: Array.from({ length: 10 }, (_, j) => `未知${i}-${j}-${'名字'.repeat(300)}`).join('、') })),
    () => Array.from({ length: ROWS }, (_, i) => ({ task: `任务${i}`, start: '2024-03-01', end: '2024-03-05', depends: i === 0 ? '-' : `任务${i - 1}` })),
    3,
  ),
  worstCase(
    'worst-case-suggestions',
    `${ROWS} Gantt tasks of 60-character names, each waiting on an unknown one ("did you mean" over all), vs ${ROWS} resolved`,
    'gantt',
    () => Array.from({ length: ROWS }, (_, i) => ({ task: `任务${i}-${'名'.repeat(55)}`, start: '2024-03-01', end: '2024-03-05', depends: `找不到的任务${i}-${'名'.repeat(50)}` })),
    () => Array.from({ length: ROWS }, (_, i) => ({ task: `任务${i}-${'名'.repeat(55)}`, start: '2024-03-01', end: '2024-03-05', depends: i === 0 ? '-' : `任务${i - 1}-${'名'.repeat(55)}` })),
    20,
  ),
];
