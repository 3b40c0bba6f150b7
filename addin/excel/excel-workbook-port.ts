/// <reference types="office-js" />
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { SheetGrid } from '../../shared/table/grid';
import type { CellMark, GanttBar, SheetAnalysis, SheetCheck, SheetInfo, WorkbookPort } from '../workbook-port';
import { annotationMode } from './annotations';
import { checkSheet } from './check-sheet';
import { drawGantt } from './draw-gantt';
import { BASELINE_REQUIREMENTS, type ApiRequirements, type ExcelHost } from './excel-host';
import { insertTemplate } from './insert-template';
import { listSheets } from './list-sheets';
import { markCells } from './mark-cells';
import { MarksLedger } from './marks-ledger';
import { onChanged } from './on-changed';
import { readSheet } from './read-sheet';
import { selectCell } from './select-cell';
import { withStateKeys, type StateKeys } from './settings-io';
import { writeScorecard } from './write-scorecard';
import { writeValues } from './write-values';

/**
 * The WorkbookPort over Office.js: the only code in the add-in that talks to Excel. It runs on
 * whatever `Excel` namespace it is given — the real one in Office, the strict fake in tests and
 * in preview mode. Each method is one `Excel.run` with its loads and writes batched; the
 * number of syncs of each is written on its module (at most 3, whatever the number of rows
 * or marks, except that readSheet / checkSheet / writeValues add one per 4 MB beyond the first).
 * checkSheet is a whole check (list, read, mark) in 3 syncs where the three calls take 7.
 *
 * `requirements` is `Office.context.requirements`: newer APIs (notes, 1.18) are used only
 * where the host has them. Without it, the manifest's minimum (ExcelApi 1.10) is assumed.
 */
export class ExcelWorkbookPort implements WorkbookPort {
  /** The marks record as this port's runs leave it (checkSheet and markCells share it). */
  private readonly ledger = new MarksLedger();

  private readonly excel: ExcelHost;

  constructor(
    excel: ExcelHost,
    private readonly requirements: ApiRequirements = BASELINE_REQUIREMENTS,
    /** Where the port keeps its records; the self-test gives keys of its own (settings-io.ts). */
    stateKeys?: StateKeys,
  ) {
    this.excel = stateKeys ? withStateKeys(excel, stateKeys) : excel;
  }

  checkSheet(sheet: string, analyse: SheetAnalysis): Promise<SheetCheck> {
    return checkSheet(this.excel, annotationMode(this.requirements), this.ledger, sheet, analyse);
  }

  listSheets(): Promise<SheetInfo[]> {
    return listSheets(this.excel);
  }

  readSheet(name: string): Promise<SheetGrid> {
    return readSheet(this.excel, name);
  }

  markCells(sheet: string, marks: readonly CellMark[]): Promise<void> {
    return markCells(this.excel, annotationMode(this.requirements), sheet, marks, this.ledger);
  }

  selectCell(sheet: string, cell: string): Promise<void> {
    return selectCell(this.excel, sheet, cell);
  }

  insertTemplate(kind: SheetKind, locale: Locale): Promise<string> {
    return insertTemplate(this.excel, kind, locale);
  }

  writeValues(sheet: string, topLeft: string, values: readonly (readonly (string | number | boolean | null)[])[]): Promise<void> {
    return writeValues(this.excel, sheet, topLeft, values);
  }

  writeScorecard(report: ScorecardReport, locale: Locale): Promise<void> {
    return writeScorecard(this.excel, report, locale);
  }

  drawGantt(sheet: string, bars: readonly GanttBar[], _locale: Locale): Promise<void> {
    // Dates and colours say everything the drawing has to say; it has no words to translate.
    return drawGantt(this.excel, sheet, bars);
  }

  onChanged(handler: (sheet: string, address: string) => void): Promise<() => void> {
    return onChanged(this.excel, this.requirements, handler);
  }
}
