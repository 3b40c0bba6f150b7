import { parentPort, workerData } from 'node:worker_threads';
import { analyseWorkbook } from '../../shared/workbook/analyse';
import type { WorkbookCheckInput, WorkbookCheckOutput } from './workbook-check-message';

/** The worker half of checkInWorker: analyses one workbook's grids, answers once and ends. */
const port = parentPort;
if (port === null) throw new Error('workbook-check-worker.js runs as a worker thread');
const input = workerData as WorkbookCheckInput;
let out: WorkbookCheckOutput;
try {
  const analysis = analyseWorkbook([...input.grids], input.today === undefined ? {} : { today: input.today });
  out = { type: 'result', sheets: analysis.sheets.map((s) => ({ name: s.name, kind: s.kind })), issues: analysis.issues };
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  out = { type: 'bug', name: err.name, message: err.message };
}
port.postMessage(out);
