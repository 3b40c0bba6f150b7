import ExcelJS from 'exceljs';
import {
  PERSPECTIVES,
  type PerspectiveCode,
  type ScoreRow,
  type ScorecardReport,
} from '../../shared/engine/scorecard-types';
import type { LocalizedIssue } from '../../shared/i18n/messages';
import type { Locale } from '../../shared/i18n/locale';
import { addGanttSheet, type PlanForSheet } from './gantt-sheet';
import { SCORECARD_LABELS, type ScorecardLabels } from './scorecard-labels';
import { addStreamingDataBar } from './stream-data-bar';
import { addStyledRow, pause, ROWS_PER_PAUSE, writeHeader, type CellStyle } from './sheet-rows';
import { writeImproved, writeTrend } from './trend-sheet';
import { writeToTarget, type TargetCheck, type WorkbookTarget } from './stream-target';
import { cellText, sheetName } from './xlsx-text';

export type { WorkbookTarget } from './stream-target';

export interface ScorecardWorkbookInput {
  report: ScorecardReport;
  issues: readonly LocalizedIssue[];
  locale: Locale;
  /** Document title (File › Properties); the language's "Balanced Scorecard" when absent. */
  title?: string;
  /** ISO timestamp stored as the document's created/modified time; now when absent or unparsable. */
  generatedAt?: string;
  /** The workbook's Gantt plan, scheduled: drawn on its own sheet when present. */
  plan?: PlanForSheet;
  /** Changes to KPI sheets waiting for approval: a line under the overview when above 0. */
  pendingApprovals?: number;
}

/**
 * The managers' workbook: Overview (scores by period × department, traffic lights and bars, and
 * whether each KPI improved), KPI detail (one row per KPI, RAG fills), Trend (achievement per
 * period with a colour scale, the change with arrows) and Issues — written with exceljs's streaming writer
 * so that 100k KPI rows never sit in memory as a workbook model.
 *
 * Every cell value is a primitive built here: user text goes in as a plain string (cleaned by
 * `cellText`), never as a formula, hyperlink or rich-text object, so "=HYPERLINK(…)" stays text.
 */
export async function writeScorecardWorkbook(
  input: ScorecardWorkbookInput,
  target: WorkbookTarget,
): Promise<void> {
  const labels = SCORECARD_LABELS[input.locale];
  await writeToTarget(target, async (out, check) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      // exceljs types the stream as a Node Stream class; any writable works at run time.
      stream: out as unknown as ExcelJS.stream.xlsx.WorkbookWriterOptions['stream'],
      useStyles: true,
      useSharedStrings: false,
    });
    describeDocument(workbook, input, labels);
    const taken = new Set<string>();
    // Each sheet is committed before the next starts: the zip takes entries one at a time.
    await writeOverview(addSheet(workbook, labels.sheets.overview, taken), input.report, labels, check, input.pendingApprovals ?? 0);
    await writeDetail(addSheet(workbook, labels.sheets.detail, taken), input.report.rows, labels, check);
    await writeTrend(addSheet(workbook, labels.sheets.trend, taken), input.report.trends ?? [], labels, check);
    if (input.plan) addGanttSheet(workbook, input.plan, input.locale);
    await writeIssues(addSheet(workbook, labels.sheets.issues, taken), input.issues, labels, check);
    await workbook.commit();
  });
}

// ---------------------------------------------------------------------------------------------
// Styles: created once and shared. exceljs remembers a style object's id in a WeakMap, so a
// shared object costs a lookup per cell; a fresh `{}` per cell would cost a serialisation.

const TEXT: CellStyle = {};
const NUMBER: CellStyle = {};
const PERCENT_1: CellStyle = { numFmt: '0.0%' };
const PERCENT_0: CellStyle = { numFmt: '0%' };
const CENTERED: CellStyle = { alignment: { horizontal: 'center' } };
const WRAPPED: CellStyle = { alignment: { wrapText: true, vertical: 'top' } };

// Excel's own "Good / Neutral / Bad" colours, as conditional-format (dxf) styles.
const RAG_FILLS = {
  green: { font: { color: { argb: 'FF006100' } }, fill: solid('FFC6EFCE') },
  amber: { font: { color: { argb: 'FF9C5700' } }, fill: solid('FFFFEB9C') },
  red: { font: { color: { argb: 'FF9C0006' } }, fill: solid('FFFFC7CE') },
} as const satisfies Record<string, CellStyle>;

function solid(argb: string): ExcelJS.Fill {
  // In a dxf, Excel paints a solid pattern with bgColor (fgColor is for cell styles).
  return { type: 'pattern', pattern: 'solid', bgColor: { argb } };
}

/** Green from 100%, amber from 90%, red below: the scoring rules' thresholds. */
const TRAFFIC_LIGHTS: ExcelJS.IconSetRuleType = {
  type: 'iconSet',
  priority: 0,
  iconSet: '3TrafficLights1',
  cfvo: [
    { type: 'percent', value: 0 },
    { type: 'num', value: 0.9 },
    { type: 'num', value: 1 },
  ],
};

/** Scores are capped at 120% of the weight, so a bar full at 120% compares across files. */
const SCORE_CAP = 1.2;
// Any GUID unique within its sheet will do; a fixed one keeps the output reproducible.
const OVERALL_BAR_ID = '{0B5C0A5E-2D1F-4F6B-9E3A-5C0E0A11B001}';

// ---------------------------------------------------------------------------------------------

function describeDocument(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  input: ScorecardWorkbookInput,
  labels: ScorecardLabels,
): void {
  workbook.creator = 'Ops Scorecard';
  workbook.lastModifiedBy = 'Ops Scorecard';
  workbook.title = cellText(input.title ?? labels.defaultTitle);
  const at = input.generatedAt === undefined ? new Date() : new Date(input.generatedAt);
  if (!Number.isNaN(at.getTime())) {
    workbook.created = at;
    workbook.modified = at;
  }
}

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  taken: Set<string>,
): ExcelJS.Worksheet {
  return workbook.addWorksheet(sheetName(name, taken), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    // Printed (or saved as PDF) one page wide, so a row never splits across sheets of paper.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

/** A number or a blank. NaN or ±Infinity in <v> makes a corrupt file: an engine bug should cost a blank, not the file. */
function num(value: number | null | undefined): number | undefined {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : undefined;
}

function lastColumn(count: number): string {
  // Our sheets have at most 11 columns: one letter is enough.
  return String.fromCharCode(64 + count);
}

// ---------------------------------------------------------------------------------------------
// Overview: one row per period × department.

const OVERVIEW_STYLES: readonly CellStyle[] = [TEXT, TEXT, PERCENT_1, ...PERSPECTIVES.map(() => PERCENT_1)];

async function writeOverview(
  sheet: ExcelJS.Worksheet,
  report: ScorecardReport,
  labels: ScorecardLabels,
  check: TargetCheck,
  pendingApprovals: number,
): Promise<void> {
  const h = labels.overviewHeaders;
  writeHeader(
    sheet,
    [h.period, h.department, h.overall, ...PERSPECTIVES.map((p) => labels.perspectives[p])],
    [12, 20, 16, 14, 14, 18, 20],
  );

  const lines = overviewLines(report);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    addStyledRow(
      sheet,
      [
        cellText(line.period),
        cellText(line.department),
        num(line.overall),
        ...PERSPECTIVES.map((p) => num(line.perspectives.get(p))),
      ],
      OVERVIEW_STYLES,
    );
    if (i % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) await pause(check);
  }

  const width = OVERVIEW_STYLES.length;
  const last = lines.length + 1;
  sheet.autoFilter = `A1:${lastColumn(width)}${last}`;
  if (lines.length > 0) {
    // One element per range, icons first: LibreOffice shows only the first element covering a cell.
    addStreamingDataBar(
      sheet,
      { ref: `C2:C${last}`, id: OVERALL_BAR_ID, min: 0, max: SCORE_CAP, color: 'FF5B9BD5', priority: 2 },
      [{ ...TRAFFIC_LIGHTS, priority: 1 }],
    );
    sheet.addConditionalFormatting({
      ref: `D2:${lastColumn(width)}${last}`,
      rules: [{ ...TRAFFIC_LIGHTS, priority: 3 }],
    });
  }
  writeImproved(sheet, report.trends ?? [], labels, last);
  // Below the table, after a blank row: the scores hold approved values only.
  if (pendingApprovals > 0) {
    sheet.addRow([]).commit();
    addStyledRow(sheet, [cellText(labels.pendingApprovals(pendingApprovals))], [TEXT]);
  }
  sheet.commit();
}

interface OverviewLine {
  readonly period: string;
  readonly department: string;
  overall: number | null;
  readonly perspectives: Map<PerspectiveCode, number | null>;
}

/** Overall and perspective scores joined on period × department, in the report's order. */
function overviewLines(report: ScorecardReport): OverviewLine[] {
  const byKey = new Map<string, OverviewLine>();
  const lineFor = (period: string, department: string): OverviewLine => {
    // NUL cannot occur in either part, so the joined key is unambiguous.
    const key = `${period}\u0000${department}`;
    let line = byKey.get(key);
    if (!line) {
      line = { period, department, overall: null, perspectives: new Map() };
      byKey.set(key, line);
    }
    return line;
  };
  for (const o of report.overall) lineFor(o.period, o.department).overall = o.score;
  for (const p of report.perspectives) lineFor(p.period, p.department).perspectives.set(p.perspective, p.score);
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------
// KPI detail: one row per ScoreRow.

const DETAIL_STYLES: readonly CellStyle[] = [
  TEXT, // period
  TEXT, // department
  TEXT, // KPI
  TEXT, // perspective
  NUMBER, // actual
  TEXT, // target
  PERCENT_1, // achievement
  TEXT, // status
  PERCENT_0, // weight
  PERCENT_1, // score
  CENTERED, // award
];

async function writeDetail(
  sheet: ExcelJS.Worksheet,
  rows: readonly ScoreRow[],
  labels: ScorecardLabels,
  check: TargetCheck,
): Promise<void> {
  const h = labels.detailHeaders;
  writeHeader(
    sheet,
    [h.period, h.department, h.kpi, h.perspective, h.actual, h.target, h.achievement, h.status, h.weight, h.score, h.award],
    [12, 20, 30, 18, 12, 14, 12, 12, 10, 10, 8],
  );

  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    addStyledRow(
      sheet,
      [
        cellText(r.period),
        cellText(r.department),
        cellText(r.kpi),
        r.perspective === null ? undefined : labels.perspectives[r.perspective],
        num(r.actual),
        cellText(r.target),
        num(r.achievement),
        labels.statuses[r.status],
        num(r.weight),
        num(r.score),
        r.award ? labels.awardMark : undefined,
      ],
      DETAIL_STYLES,
    );
    if (i % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) await pause(check);
  }

  const last = rows.length + 1;
  sheet.autoFilter = `A1:${lastColumn(DETAIL_STYLES.length)}${last}`;
  if (rows.length > 0) {
    // Fills follow the status column, so they agree with the engine even when a workspace
    // changes the thresholds. Achievement keeps its icons and fill in one element, because
    // LibreOffice shows only the first conditional-format element covering a cell.
    sheet.addConditionalFormatting({
      ref: `G2:G${last}`,
      rules: [{ ...TRAFFIC_LIGHTS, priority: 1 }, ...statusFills(labels, 2)],
    });
    sheet.addConditionalFormatting({ ref: `H2:H${last}`, rules: statusFills(labels, 5) });
  }
  sheet.commit();
}

/** Green, amber and red fills keyed on the status label in column H. */
function statusFills(labels: ScorecardLabels, firstPriority: number): ExcelJS.ExpressionRuleType[] {
  return (['green', 'amber', 'red'] as const).map((status, index) => ({
    type: 'expression',
    priority: firstPriority + index,
    formulae: [`$H2=${formulaString(labels.statuses[status])}`],
    style: RAG_FILLS[status],
  }));
}

/** A string literal for a conditional-format formula (our own labels, quoted the Excel way). */
function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------------------------------------
// Issues.

const ISSUE_STYLES: readonly CellStyle[] = [TEXT, TEXT, TEXT, TEXT, WRAPPED, WRAPPED];

async function writeIssues(
  sheet: ExcelJS.Worksheet,
  issues: readonly LocalizedIssue[],
  labels: ScorecardLabels,
  check: TargetCheck,
): Promise<void> {
  const h = labels.issueHeaders;
  writeHeader(sheet, [h.sheet, h.cell, h.severity, h.code, h.message, h.suggestion], [18, 10, 10, 26, 60, 50]);
  for (let i = 0; i < issues.length; i += 1) {
    const issue = issues[i]!;
    addStyledRow(
      sheet,
      [
        cellText(issue.sheet),
        cellText(issue.cell),
        labels.severities[issue.severity],
        cellText(issue.code),
        cellText(issue.message),
        issue.suggestion === undefined ? undefined : cellText(issue.suggestion),
      ],
      ISSUE_STYLES,
    );
    if (i % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) await pause(check);
  }
  sheet.autoFilter = `A1:${lastColumn(ISSUE_STYLES.length)}${issues.length + 1}`;
  sheet.commit();
}
