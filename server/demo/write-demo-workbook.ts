import ExcelJS from 'exceljs';
import {
  DEMO_CLASSIFICATION_TABLE,
  DEMO_GANTT_TABLE,
  DEMO_KPI_TABLE,
  DEMO_METRIC_TABLE,
  DEMO_MATRIX_TABLE,
  DEMO_USER_TABLE,
  HANDBOOK_DASHBOARD_TABLE,
  type Row,
} from './handbook-tables';

/** Writes a table with a bold header; percent cells keep Excel's percent format, as an analyst's would. */
function addTable(workbook: ExcelJS.Workbook, name: string, rows: readonly Row[], percentColumns: readonly number[] = []): void {
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  for (const col of percentColumns) sheet.getColumn(col).numFmt = '0%';
  sheet.columns.forEach((c) => (c.width = 16));
}

/**
 * The demo workbook of examples/: the handbook's tables, completed so that a scorecard shows
 * every colour, a plan has a critical path, every owner holds a role, and the classification
 * governs a sheet of user data. `check` finds no error in it (one least-privilege warning).
 */
export async function writeDemoWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ops Scorecard';
  addTable(workbook, 'KPI', DEMO_KPI_TABLE, [4]);
  addTable(workbook, '指标数据', DEMO_METRIC_TABLE);
  addTable(workbook, '数据看板', HANDBOOK_DASHBOARD_TABLE);
  addTable(workbook, '甘特图', DEMO_GANTT_TABLE, [6]);
  addTable(workbook, '权限矩阵', DEMO_MATRIX_TABLE);
  addTable(workbook, '数据分类', DEMO_CLASSIFICATION_TABLE);
  addTable(workbook, '用户数据', DEMO_USER_TABLE);
  await workbook.xlsx.writeFile(path);
}

if (require.main === module) {
  const out = process.argv[2] ?? 'examples/ops-scorecard-demo.xlsx';
  writeDemoWorkbook(out).then(
    () => process.stdout.write(`Wrote ${out}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
