import { sheetIssues } from '../../shared/workbook/sheet-issues';
import { serveTasks } from '../workers/serve-tasks';
import type { IssuesInput } from './issue-analyser';
import { rowsOfJson } from './rows-json';

/** The issue worker's thread (a WorkerPool's): analyses one sheet per task, in arrival order. */
serveTasks<IssuesInput, ReturnType<typeof sheetIssues>>(({ rowsJson, ...rest }) => ({ value: sheetIssues({ ...rest, rows: rowsOfJson(rowsJson) }) }));
