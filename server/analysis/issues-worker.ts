import { parentPort } from 'node:worker_threads';
import { sheetIssues } from '../../shared/workbook/sheet-issues';
import { rowsOfJson } from './rows-json';
import type { IssuesReply, IssuesRequest } from './issues-message';

/** The issue worker's thread: analyses one sheet per message, in arrival order. */
const port = parentPort;
if (port === null) throw new Error('issues-worker.js runs as a worker thread');

port.on('message', (request: IssuesRequest) => {
  let reply: IssuesReply;
  try {
    const { rowsJson, id, ...rest } = request;
    reply = { id, ok: true, issues: sheetIssues({ ...rest, rows: rowsOfJson(rowsJson) }) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id: request.id, ok: false, name: e.name, message: e.message };
  }
  port.postMessage(reply);
});
