import type ExcelJS from 'exceljs';

/**
 * Data bars for exceljs's *streaming* worksheet writer, written the way Excel itself writes them.
 *
 * Why this exists: exceljs 4.4 renders every `dataBar` rule with an `<extLst>` pointing at an
 * Excel 2010 (`x14`) rule by id, but the streaming writer never writes the worksheet-level
 * `x14:conditionalFormattings` that the id should point at — and without an id it writes an
 * empty `<x14:id/>`. A dangling reference is what makes Excel offer to "repair" such files
 * (exceljs issue #3015). So we give the rule a fixed id and append the matching x14 rule as the
 * worksheet's last element, just before `</worksheet>`.
 *
 * This uses two internals of exceljs's WorksheetWriter (`_writeCloseWorksheet`, `stream`); they
 * are checked when the bar is added, so an exceljs upgrade that changes them fails loudly in
 * tests instead of silently writing a broken file.
 */
export interface DataBar {
  /** A1 range, e.g. "C2:C9". */
  readonly ref: string;
  /** A GUID in braces, unique within the sheet: "{5C0A5E1D-…}". */
  readonly id: string;
  /** Values at which the bar is empty and full: a fixed scale keeps bars comparable. */
  readonly min: number;
  readonly max: number;
  /** ARGB, e.g. "FF638EC6". */
  readonly color: string;
  readonly priority: number;
}

interface StreamingSheetInternals {
  _writeCloseWorksheet: (this: StreamingSheetInternals) => void;
  readonly stream: { write(chunk: string): unknown };
}

const barsBySheet = new WeakMap<ExcelJS.Worksheet, DataBar[]>();

/**
 * Adds the bar, and `alongside` rules for the same range in the same `<conditionalFormatting>`
 * element: LibreOffice draws only one conditional format per cell — the first — so an icon set
 * in a separate element over the same cells would hide the bar (or the bar the icons).
 */
export function addStreamingDataBar(
  sheet: ExcelJS.Worksheet,
  bar: DataBar,
  alongside: readonly ExcelJS.ConditionalFormattingRule[] = [],
): void {
  // Both go into XML unescaped: only our own constants belong here.
  if (!/^\{[0-9A-F-]{36}\}$/.test(bar.id)) throw new Error(`data bar id must be a braced GUID: ${bar.id}`);
  if (!/^[A-Z]{1,3}[1-9]\d*:[A-Z]{1,3}[1-9]\d*$/.test(bar.ref)) throw new Error(`data bar ref must be A1:B2: ${bar.ref}`);
  let bars = barsBySheet.get(sheet);
  if (!bars) {
    bars = [];
    barsBySheet.set(sheet, bars);
    appendBeforeClose(sheet, bars);
  }
  bars.push(bar);
  sheet.addConditionalFormatting({
    ref: bar.ref,
    rules: [
      ...alongside,
      // `color` and `x14Id` are read by exceljs's renderer but missing from its typings.
      {
        type: 'dataBar',
        priority: bar.priority,
        cfvo: [
          { type: 'num', value: bar.min },
          { type: 'num', value: bar.max },
        ],
        color: { argb: bar.color },
        x14Id: bar.id,
      } as ExcelJS.DataBarRuleType,
    ],
  });
}

function appendBeforeClose(sheet: ExcelJS.Worksheet, bars: readonly DataBar[]): void {
  const internals = sheet as unknown as Partial<StreamingSheetInternals>;
  const close = internals._writeCloseWorksheet;
  if (typeof close !== 'function' || !('stream' in internals)) {
    throw new Error('addStreamingDataBar needs an exceljs stream.xlsx WorksheetWriter (4.x internals)');
  }
  internals._writeCloseWorksheet = function writeExtThenClose(this: StreamingSheetInternals) {
    this.stream.write(x14ExtList(bars));
    close.call(this);
  };
}

/** The worksheet's `<extLst>` with one Excel 2010 data-bar rule per bar: solid fill, 0–100% length. */
export function x14ExtList(bars: readonly DataBar[]): string {
  const rules = bars
    .map(
      (bar) =>
        '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
        `<x14:cfRule type="dataBar" id="${bar.id}">` +
        '<x14:dataBar minLength="0" maxLength="100" gradient="0">' +
        `<x14:cfvo type="num"><xm:f>${numberText(bar.min)}</xm:f></x14:cfvo>` +
        `<x14:cfvo type="num"><xm:f>${numberText(bar.max)}</xm:f></x14:cfvo>` +
        '<x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/>' +
        '</x14:dataBar></x14:cfRule>' +
        `<xm:sqref>${bar.ref}</xm:sqref>` +
        '</x14:conditionalFormatting>',
    )
    .join('');
  return (
    '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" ' +
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
    `<x14:conditionalFormattings>${rules}</x14:conditionalFormattings></ext></extLst>`
  );
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`data bar bound must be finite: ${n}`);
  return String(n);
}
