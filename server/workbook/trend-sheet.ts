import type ExcelJS from 'exceljs';
import type { KpiTrend } from '../../shared/engine/scorecard-types';
import type { ScorecardLabels } from './scorecard-labels';
import { addStyledRow, HEADER, pause, ROWS_PER_PAUSE, writeHeader, type CellStyle, type CellValue } from './sheet-rows';
import type { TargetCheck } from './stream-target';
import { cellText } from './xlsx-text';

/**
 * The scorecard workbook's trend sheet, laid out: one row per department × KPI, one column per
 * period with the achievement (a red–amber–green colour scale on the scoring rules' own scale),
 * then the change against the previous period (up/down arrows) and whether the KPI improved.
 * Also the overview's block saying whether each KPI improved.
 */

type TrendCell = CellValue;

const TEXT: CellStyle = {};
const PERCENT: CellStyle = { numFmt: '0.0%' };
/** A change in achievement, signed: +5.0% is five percentage points better. */
const SIGNED_PERCENT: CellStyle = { numFmt: '+0.0%;-0.0%;0.0%' };

/**
 * Achievement 80% red, 100% amber-yellow, 120% (the score cap) green: fixed numbers, so that the
 * same colour means the same thing in every department's row and every month's file.
 */
const COLOR_SCALE = (priority: number): ExcelJS.ColorScaleRuleType => ({
  type: 'colorScale',
  priority,
  cfvo: [
    { type: 'num', value: 0.8 },
    { type: 'num', value: 1 },
    { type: 'num', value: 1.2 },
  ],
  color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
});

/**
 * Down below −0.0001 percentage points, up from +0.0001, flat between: achievements are tidied
 * to 1e-9, so an unchanged KPI is exactly 0 and shows the flat arrow, not a rounding error's.
 */
const ARROWS = (priority: number): ExcelJS.IconSetRuleType => ({
  type: 'iconSet',
  priority,
  iconSet: '3Arrows',
  cfvo: [
    { type: 'num', value: -1 },
    { type: 'num', value: -1e-6 },
    { type: 'num', value: 1e-6 },
  ],
});

interface TrendLayout {
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  readonly styles: readonly CellStyle[];
  readonly rows: readonly TrendCell[][];
  /** The conditional formats for the written rows (none when there are no rows). */
  readonly formats: readonly ExcelJS.ConditionalFormattingOptions[];
}

/** Column letters for 1-based indexes up to 702 (A…ZZ); the sheet has at most 16 columns. */
function columnLetter(index: number): string {
  return index <= 26 ? String.fromCharCode(64 + index) : columnLetter(Math.floor((index - 1) / 26)) + String.fromCharCode(65 + ((index - 1) % 26));
}

function periodsOf(trends: readonly KpiTrend[]): string[] {
  // Every trend of one report spans the same window; the longest one names the columns.
  let longest: readonly { period: string }[] = [];
  for (const t of trends) if (t.points.length > longest.length) longest = t.points;
  return longest.map((p) => p.period);
}

function improvedWord(improved: boolean | null, labels: ScorecardLabels): string | undefined {
  return improved === null ? undefined : improved ? labels.improvedWords.yes : labels.improvedWords.no;
}

function num(value: number | null | undefined): number | undefined {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : undefined;
}

function trendLayout(trends: readonly KpiTrend[], labels: ScorecardLabels): TrendLayout {
  const h = labels.trendHeaders;
  const periods = periodsOf(trends);
  const rows = trends.map((t): TrendCell[] => {
    const byPeriod = new Map(t.points.map((p) => [p.period, p.achievement]));
    return [cellText(t.department), cellText(t.kpi), ...periods.map((p) => num(byPeriod.get(p))), num(t.change), improvedWord(t.improved, labels)];
  });
  const firstPeriod = 3;
  const changeColumn = firstPeriod + periods.length;
  const last = rows.length + 1;
  const formats: ExcelJS.ConditionalFormattingOptions[] = [];
  if (rows.length > 0) {
    if (periods.length > 0) {
      formats.push({ ref: `${columnLetter(firstPeriod)}2:${columnLetter(changeColumn - 1)}${last}`, rules: [COLOR_SCALE(1)] });
    }
    const change = columnLetter(changeColumn);
    formats.push({ ref: `${change}2:${change}${last}`, rules: [ARROWS(2)] });
  }
  return {
    headers: [h.department, h.kpi, ...periods, h.change, h.improved],
    widths: [20, 24, ...periods.map(() => 10), 16, 14],
    styles: [TEXT, TEXT, ...periods.map(() => PERCENT), SIGNED_PERCENT, TEXT],
    rows,
    formats,
  };
}

/** The overview's block: for each department × KPI, the last period, its change and whether it improved. */
function improvedLayout(trends: readonly KpiTrend[], labels: ScorecardLabels): { headers: string[]; styles: CellStyle[]; rows: TrendCell[][] } {
  const h = labels.trendHeaders;
  return {
    headers: [h.period, h.department, h.kpi, h.change, h.improved],
    styles: [TEXT, TEXT, TEXT, SIGNED_PERCENT, TEXT],
    rows: trends.map((t) => [
      t.points[t.points.length - 1]?.period,
      cellText(t.department),
      cellText(t.kpi),
      num(t.change),
      improvedWord(t.improved, labels),
    ]),
  };
}

/** The trend sheet: its rows streamed, then its filter and conditional formats. */
export async function writeTrend(sheet: ExcelJS.Worksheet, trends: readonly KpiTrend[], labels: ScorecardLabels, check: TargetCheck): Promise<void> {
  const layout = trendLayout(trends, labels);
  writeHeader(sheet, layout.headers, layout.widths);
  for (let i = 0; i < layout.rows.length; i += 1) {
    addStyledRow(sheet, layout.rows[i]!, layout.styles);
    if (i % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) await pause(check);
  }
  sheet.autoFilter = `A1:${columnLetter(layout.headers.length)}${layout.rows.length + 1}`;
  for (const format of layout.formats) sheet.addConditionalFormatting(format);
  sheet.commit();
}

/**
 * Below the overview's scores (which end at `lastScoreRow`), after a blank row and a heading:
 * each KPI's last period, its change against the previous one (up/down arrows) and whether it
 * improved. The caller commits the sheet.
 */
export function writeImproved(sheet: ExcelJS.Worksheet, trends: readonly KpiTrend[], labels: ScorecardLabels, lastScoreRow: number): void {
  if (trends.length === 0) return;
  const block = improvedLayout(trends, labels);
  sheet.addRow([]).commit();
  const title = sheet.addRow([labels.trendHeaders.heading]);
  title.getCell(1).style = { font: { bold: true } };
  title.commit();
  const header = sheet.addRow(block.headers);
  for (let col = 1; col <= block.headers.length; col += 1) header.getCell(col).style = HEADER;
  header.commit();
  for (const values of block.rows) addStyledRow(sheet, values, block.styles);
  const first = lastScoreRow + 4;
  sheet.addConditionalFormatting({ ref: `D${first}:D${first + block.rows.length - 1}`, rules: [ARROWS(10)] });
}
