/// <reference types="office-js" />
import type { ScorecardReport, Status } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';
import { boxAddress } from './a1';
import type { ExcelHost } from './excel-host';
import { WORKBOOK_LABELS } from './labels';
import { scorecardLayout } from './scorecard-layout';
import { loadLayout, saveLayout } from './settings-io';
import { uniqueName } from './templates';
import { SYNC_PAYLOAD_BUDGET } from './chunks';
import { rowBytes, textSafeGrids, type WrittenValue } from './text-safe';

/** Excel's Good / Neutral / Bad cell styles, as conditional-format colours. */
const RAG: Readonly<Record<Exclude<Status, 'none'>, { fill: string; font: string }>> = {
  green: { fill: '#C6EFCE', font: '#006100' },
  amber: { fill: '#FFEB9C', font: '#9C5700' },
  red: { fill: '#FFC7CE', font: '#9C0006' },
};

/**
 * (Re)writes the Scorecard sheet: the sheet this add-in made last time (remembered by id, so a
 * user's own sheet that happens to be called "Scorecard" is never touched) is replaced by a new
 * one with the overview, the KPI rows, traffic-light icons on the scores (green from 100%,
 * amber from 90%, as the status rule), RAG fills on the statuses, and a native clustered
 * column chart of the latest period's perspective scores.
 *
 * Syncs: 3 — what exists; everything written (and the new sheet's id loaded); the id saved —
 * plus one per further 4 MB of cells for a very big scorecard (~20k KPI rows each).
 */
export async function writeScorecard(excel: ExcelHost, report: ScorecardReport, locale: Locale): Promise<void> {
  const layout = scorecardLayout(report, locale);
  const labels = WORKBOOK_LABELS[locale].scorecard;
  await excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    const stored = loadLayout(context);
    await context.sync();

    const state = stored.read();
    const old = sheets.items.find((s) => s.id === state.scorecardSheetId) ?? null;
    const name = uniqueName(labels.sheet, sheets.items.filter((s) => s !== old).map((s) => s.name));
    // The new sheet comes first: Excel refuses to delete a workbook's last visible sheet.
    const sheet = sheets.add(old ? uniqueName('~scorecard', sheets.items.map((s) => s.name)) : name);
    if (old) {
      old.delete();
      sheet.name = name;
    }

    // The cells, in blocks of up to 4 MB each with its own sync: a 100k-row scorecard is ~20 MB,
    // and Excel on the web refuses any single request over 5 MB.
    const blocks = rowBlocks(layout.rows);
    for (const [i, { start, end }] of blocks.entries()) {
      const grids = textSafeGrids(layout.rows.slice(start, end), layout.width);
      const numberFormat = grids.numberFormat.map((row, r) => row.map((f, c) => layout.numberFormats[start + r]?.[c] ?? f));
      const range = sheet.getRangeByIndexes(start, 0, end - start, layout.width);
      range.numberFormat = numberFormat;
      range.values = grids.values;
      if (i < blocks.length - 1) await context.sync();
    }
    sheet.getRange('A1').format.font.bold = true;
    for (const row of layout.headerRows) sheet.getRangeByIndexes(row, 0, 1, layout.width).format.font.bold = true;

    if (layout.scores) {
      const icons = sheet.getRange(boxAddress(layout.scores)).conditionalFormats.add('IconSet');
      icons.iconSet.style = 'ThreeTrafficLights1';
      icons.iconSet.criteria = [
        // The first criterion is the floor of the lowest icon; Excel takes it empty.
        {} as Excel.ConditionalIconCriterion,
        { type: 'Number', operator: 'GreaterThanOrEqual', formula: '=0.9' },
        { type: 'Number', operator: 'GreaterThanOrEqual', formula: '=1' },
      ];
    }
    if (layout.statuses) {
      const statusRange = sheet.getRange(boxAddress(layout.statuses));
      for (const status of ['green', 'amber', 'red'] as const) {
        const cf = statusRange.conditionalFormats.add('CellValue');
        cf.cellValue.format.fill.color = RAG[status].fill;
        cf.cellValue.format.font.color = RAG[status].font;
        cf.cellValue.rule = { formula1: `="${labels.statuses[status].replace(/"/g, '""')}"`, operator: 'EqualTo' };
      }
    }
    if (layout.chart) {
      const chart = sheet.charts.add('ColumnClustered', sheet.getRange(boxAddress(layout.chart.source)), 'Columns');
      chart.title.text = layout.chart.title;
      chart.setPosition(layout.chart.from, layout.chart.to);
    }
    sheet.getRangeByIndexes(0, 0, 1, layout.width).format.autofitColumns();
    sheet.activate();
    sheet.load('id');
    await context.sync();

    saveLayout(context, { ...state, scorecardSheetId: sheet.id });
    await context.sync();
  });
}

/** Consecutive rows whose request stays under the 4 MB budget (a row alone may exceed it only if it is one). */
function rowBlocks(rows: readonly (readonly WrittenValue[])[]): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start;
    let bytes = 0;
    while (end < rows.length && (end === start || bytes + rowBytes(rows[end]!) <= SYNC_PAYLOAD_BUDGET)) bytes += rowBytes(rows[end++]!);
    blocks.push({ start, end });
    start = end;
  }
  return blocks;
}
