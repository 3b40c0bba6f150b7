/**
 * The strict fake of the Excel JavaScript API: tests run the adapter on it, and the task
 * pane's preview mode runs the whole add-in on it in a plain browser tab.
 */
export { FakeExcel, type CellSeed, type FakeExcelOptions } from './fake-excel';
export type { CellView, SheetSummary } from './view';
export { FakeExcelError, type FakeErrorCode } from './errors';
export { BYTES_PER_CELL, BYTES_PER_OPERATION, PAYLOAD_LIMIT_BYTES } from './payload';
export type { RunStats } from './context';
export { FAKE_AUTHOR } from './annotations';
