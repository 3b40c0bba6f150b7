export { ExcelWorkbookPort } from './excel-workbook-port';
export { officeExcelHost, officeHostInfo, officeRequirements, BASELINE_REQUIREMENTS, type ApiRequirements, type ExcelHost, type HostDescription } from './excel-host';
export { NotAPlanError } from './draw-gantt';
export { InvalidAddressError } from './write-values';
export { MARK_COLORS, MAX_MARKED_ADDRESSES } from './mark-plan';
export { BAR_COLORS } from './gantt-layout';
export { ESTIMATED_BYTES_PER_CELL, SYNC_PAYLOAD_BUDGET } from './chunks';
