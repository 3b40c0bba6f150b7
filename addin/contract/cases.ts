import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';
import type { ApiRequirements } from '../excel/excel-host';
import { BAR_COLORS } from '../excel/gantt-layout';
import { WORKBOOK_LABELS } from '../excel/labels';
import { MARK_COLORS } from '../excel/mark-plan';
import type { WorkbookProbe } from '../excel/probe';
import { templateFor } from '../excel/templates';
import type { WorkbookPort } from '../workbook-port';
import { expectEqual, expectTrue } from './expect';

/**
 * The WorkbookPort's contract, case by case: what the task pane relies on the adapter to do,
 * checked by looking at the workbook afterwards (workbook-probe). The same cases run on the
 * strict fake in `npm test`, inside a real Excel with `npm run test:excel`, and in the user's
 * own Excel from the pane's Diagnostics view. Each case gets a fresh scratch sheet; sheets it
 * makes (a template, the Scorecard) it registers so that the runner deletes them.
 */
export interface CaseContext {
  readonly port: WorkbookPort;
  readonly probe: WorkbookProbe;
  /** This case's scratch sheet, empty. */
  readonly sheet: string;
  readonly locale: Locale;
  readonly requirements: ApiRequirements;
  /** A sheet the case made, to delete afterwards. */
  made(sheet: string): void;
  /** Waits, for events Excel raises after a change (bounded by the caller). */
  sleep(ms: number): Promise<void>;
}

export interface ContractCase {
  readonly id: string;
  readonly title: string;
  run(ctx: CaseContext): Promise<void>;
}

/** Excel's serial of 2024-03-01 (1900 date system). */
const MARCH_1 = 45_352;
/** Text Excel would read as a formula, a number, a date or a percent if written plainly. */
const TRICKY_TEXT = ['=1+1', '+86 138 0000 0000', '-5% of target', '@home', "'quoted", '00123', '2024-03', '3.6%'];

export const CONTRACT_CASES: readonly ContractCase[] = [
  {
    id: 'requirement-minimum',
    title: 'Excel meets the manifest minimum (ExcelApi 1.10)',
    run: async ({ requirements }) => {
      expectTrue(requirements.isSetSupported('ExcelApi', '1.10'), 'isSetSupported("ExcelApi", "1.10") is false');
    },
  },
  {
    id: 'list-sheets',
    title: 'listSheets names each sheet with its used size',
    run: async ({ port, probe, sheet }) => {
      await probe.seed(sheet, 'B2', [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ]);
      const listed = (await port.listSheets()).find((s) => s.name === sheet);
      expectEqual(listed, { name: sheet, rows: 3, columns: 2 }, 'listSheets entry');
    },
  },
  {
    id: 'read-values',
    title: 'readSheet: text, numbers, booleans, empty cells, dates, percents',
    run: async ({ port, probe, sheet }) => {
      await probe.seed(
        sheet,
        'A1',
        [
          ['KPI', 'Target', 'Weight', 'Review', 'Active'],
          ['Conversion', '≥3%', 0.25, MARCH_1, true],
          ['Profit', '', 1200, '', false],
        ],
        [
          ['General', 'General', 'General', 'General', 'General'],
          ['General', '@', '0%', 'yyyy-mm-dd', 'General'],
          ['General', '@', '#,##0', 'yyyy-mm-dd', 'General'],
        ],
      );
      const grid = await port.readSheet(sheet);
      // A percent cell reads as its percent text, as the xlsx reader reads it (shared/parse/excel-number.ts).
      expectEqual(grid.rows, [
        ['KPI', 'Target', 'Weight', 'Review', 'Active'],
        ['Conversion', '≥3%', '25%', '2024-03-01', true],
        ['Profit', null, 1200, null, false],
      ], 'grid');
    },
  },
  {
    id: 'write-text-stays-text',
    title: 'writeValues keeps text starting with = + - @ \' (and number-like text) as text',
    run: async ({ port, probe, sheet }) => {
      await port.writeValues(sheet, 'A1', [TRICKY_TEXT]);
      const cells = (await probe.cells(sheet, `A1:H1`))[0]!;
      cells.forEach((cell, i) => {
        const text = TRICKY_TEXT[i]!;
        expectEqual(cell.value, text, `value of ${text}`);
        expectEqual(cell.text, text, `shown text of ${text}`);
        expectTrue(typeof cell.formula !== 'string' || !cell.formula.startsWith('=') || cell.formula === text, `${text} became the formula ${String(cell.formula)}`);
      });
      const grid = await port.readSheet(sheet);
      expectEqual(grid.rows[0], TRICKY_TEXT, 'read back');
    },
  },
  {
    id: 'write-number-after-text',
    title: 'a number written where text was lands as a number (format set before value)',
    run: async ({ port, probe, sheet }) => {
      await port.writeValues(sheet, 'A1', [['=text first', 'x']]);
      await port.writeValues(sheet, 'A1', [[1200, true]]);
      const [a, b] = (await probe.cells(sheet, 'A1:B1'))[0]!;
      expectEqual(a!.value, 1200, 'A1 value');
      expectEqual(b!.value, true, 'B1 value');
      const grid = await port.readSheet(sheet);
      expectEqual(grid.rows[0], [1200, true], 'read back');
    },
  },
  {
    id: 'write-null-clears',
    title: 'writeValues: null clears a cell, numbers keep the cell format',
    run: async ({ port, probe, sheet }) => {
      await probe.seed(sheet, 'A1', [['old', 0.1]], [['General', '0%']]);
      await port.writeValues(sheet, 'A1', [[null, 0.25]]);
      const [a, b] = (await probe.cells(sheet, 'A1:B1'))[0]!;
      expectEqual(a!.value, '', 'A1 cleared');
      expectEqual([b!.value, b!.text], [0.25, '25%'], 'B1');
    },
  },
  {
    id: 'mark-cells',
    title: 'markCells fills and annotates issues, and takes them back once fixed',
    run: async ({ port, probe, sheet }) => {
      await probe.seed(sheet, 'A1', [['KPI', 'Target'], ['Conversion', 'abc'], ['Profit', '≥100']]);
      await port.markCells(sheet, [
        { cell: 'B2', severity: 'error', message: 'The target “abc” cannot be read.' },
        { cell: 'B3', severity: 'warning', message: 'Check this target.' },
      ]);
      expectEqual(await probe.fill(sheet, 'B2'), MARK_COLORS.error, 'B2 fill');
      expectEqual(await probe.fill(sheet, 'B3'), MARK_COLORS.warning, 'B3 fill');
      const note = await probe.note(sheet, 'B2');
      expectTrue(note === null || note.includes('cannot be read'), `B2 note: ${String(note)}`);
      await port.markCells(sheet, []);
      expectEqual(await probe.fill(sheet, 'B2'), '#FFFFFF', 'B2 fill after the fix');
      expectEqual(await probe.note(sheet, 'B2'), null, 'B2 note after the fix');
    },
  },
  {
    id: 'check-sheet',
    title: 'checkSheet reads, lets the analysis mark, and writes in 3 syncs',
    run: async ({ port, probe, sheet }) => {
      await probe.seed(sheet, 'A1', [['KPI', 'Target'], ['Conversion', 'abc']]);
      if (!port.checkSheet) return;
      const check = await port.checkSheet(sheet, (grid) => (grid.rows[1]?.[1] === 'abc' ? [{ cell: 'B2', severity: 'error', message: 'bad target' }] : []));
      expectEqual(check.grid?.rows, [['KPI', 'Target'], ['Conversion', 'abc']], 'grid');
      expectTrue(check.syncs <= 3, `${check.syncs} syncs (at most 3)`);
      expectTrue(check.sheets.some((s) => s.name === sheet), 'the scratch sheet is listed');
      expectEqual(await probe.fill(sheet, 'B2'), MARK_COLORS.error, 'B2 fill');
      await port.markCells(sheet, []);
    },
  },
  {
    id: 'insert-template',
    title: 'insertTemplate adds a sheet with the header row, a table and drop-downs',
    run: async ({ port, probe, locale, made }) => {
      const name = await port.insertTemplate('kpi', locale);
      made(name);
      const template = templateFor('kpi', locale);
      const header = (await probe.cells(name, 'A1:B1'))[0]!;
      expectEqual(header.map((c) => c.value), template.columns.slice(0, 2).map((c) => c.header), 'header');
      expectEqual((await probe.counts(name)).tables, 1, 'tables on the sheet');
    },
  },
  {
    id: 'draw-gantt',
    title: 'drawGantt paints the bars right of the plan, critical path in red',
    run: async ({ port, probe, sheet, locale }) => {
      await probe.seed(
        sheet,
        'A1',
        [
          ['Task', 'Start', 'End'],
          ['Design', MARCH_1, MARCH_1 + 2],
          ['Build', MARCH_1 + 3, MARCH_1 + 4],
        ],
        [
          ['General', 'General', 'General'],
          ['General', 'yyyy-mm-dd', 'yyyy-mm-dd'],
          ['General', 'yyyy-mm-dd', 'yyyy-mm-dd'],
        ],
      );
      await port.drawGantt(
        sheet,
        [
          { task: 'Design', earlyStart: '2024-03-01', earlyFinish: '2024-03-03', critical: true },
          { task: 'Build', earlyStart: '2024-03-04', earlyFinish: '2024-03-05', critical: false },
        ],
        locale,
      );
      // The plan ends in column C; the drawing starts one empty column later, in E, a day a column.
      expectEqual(await probe.fill(sheet, 'E2:G2'), BAR_COLORS.critical, 'Design bar');
      expectEqual(await probe.fill(sheet, 'H3:I3'), BAR_COLORS.normal, 'Build bar');
      const grid = await port.readSheet(sheet);
      expectEqual(Math.max(...grid.rows.map((r) => r.length)), 3, 'columns read (the drawing is not data)');
    },
  },
  {
    id: 'write-scorecard',
    title: 'writeScorecard writes the Scorecard sheet with RAG formats and a chart',
    run: async ({ port, probe, locale, made }) => {
      const before = new Set(await probe.sheetNames());
      const report: ScorecardReport = {
        rows: [{ period: '2024-03', department: 'Sales', kpi: '=Conversion', perspective: 'customer', actual: 0.033, target: '≥3%', achievement: 1.1, status: 'green', weight: 1, score: 1.1, award: false }],
        perspectives: [{ period: '2024-03', department: 'Sales', perspective: 'customer', score: 1.1 }],
        overall: [{ period: '2024-03', department: 'Sales', score: 1.1 }],
      };
      await port.writeScorecard(report, locale);
      const added = (await probe.sheetNames()).filter((n) => !before.has(n));
      added.forEach(made);
      expectEqual(added.length, 1, 'new sheets');
      const name = added[0]!;
      expectEqual((await probe.cells(name, 'A1'))[0]![0]!.value, WORKBOOK_LABELS[locale].scorecard.title, 'title');
      const counts = await probe.counts(name);
      expectTrue(counts.charts === 1, `${counts.charts} charts`);
      expectTrue(counts.conditionalFormats >= 2, `${counts.conditionalFormats} conditional formats`);
      // A KPI name that starts with "=" is written as text.
      const names = await probe.cells(name, 'C1:C20');
      expectTrue(names.some((row) => row[0]!.value === '=Conversion'), 'the KPI "=Conversion" as text');
    },
  },
  {
    id: 'on-changed',
    title: 'onChanged reports a change with its sheet and address',
    run: async ({ port, sheet, sleep }) => {
      const seen: string[] = [];
      const stop = await port.onChanged((name, address) => seen.push(`${name}!${address}`));
      try {
        await port.writeValues(sheet, 'C3', [['changed']]);
        for (let waited = 0; waited < 5_000 && !seen.some((s) => s.startsWith(`${sheet}!`)); waited += 100) await sleep(100);
      } finally {
        stop();
      }
      expectTrue(seen.includes(`${sheet}!C3`), `events seen: ${seen.join(', ') || 'none'}`);
    },
  },
  {
    id: 'select-cell',
    title: 'selectCell shows the cell an issue names',
    run: async ({ port, probe, sheet }) => {
      await port.selectCell(sheet, 'C7');
      expectEqual(await probe.activeSheet(), sheet, 'active sheet');
    },
  },
];
