import { randomUUID } from 'node:crypto';
import type { DevTokens } from '../../../server/access/dev-tokens';
import { sheetPath } from '../../../shared/api/paths';
import type { PullResponse, PushResponse } from '../../../shared/api/sync';
import type { CellValue } from '../../../shared/table/grid';
import { send, type Target } from './http-client';

/**
 * The workspace the load bench measures, built through the service's own API (so it is the
 * same on both stores): a permission matrix with readers and writers, a KPI sheet of 20 KPIs,
 * a metrics sheet of 2,000 rows (the big pull, and what the scorecard scores), and a small
 * shared sheet the writers push to at once.
 */

export const WORKSPACE = 'load';
export const ADMIN = 'load-admin@example.com';
const WORKBOOK = 'ops-load.xlsx';
const SHARED_WORKBOOK = 'shared-load.xlsx';

export const BIG_SHEET_PATH = sheetPath({ workspace: WORKSPACE, workbook: WORKBOOK, sheet: '指标数据' });
export const SHARED_SHEET_PATH = sheetPath({ workspace: WORKSPACE, workbook: SHARED_WORKBOOK, sheet: '共享' });
export const SCORECARD_PATH = `/api/v1/workspaces/${WORKSPACE}/scorecard`;
export const SCORECARD_XLSX_PATH = `/api/v1/workspaces/${WORKSPACE}/scorecard.xlsx`;
export const SHEETS_PATH = `/api/v1/workspaces/${WORKSPACE}/sheets`;

export const reader = (i: number): string => `reader${String(i).padStart(3, '0')}@example.com`;
export const writer = (i: number): string => `writer${String(i).padStart(3, '0')}@example.com`;

/** Shared rows: each writer's push changes its own row and one of these, so pushes do meet. */
export const HOT_ROWS = 5;
export const ownMetric = (w: number): string => `own${String(w).padStart(3, '0')}`;
export const hotMetric = (h: number): string => `hot${h}`;
export const SHARED_PERIOD = '2025-01';
export const SHARED_DEPARTMENT = '写入组';

type Cells = Record<string, CellValue>;

const PERSPECTIVES = ['财务', '客户', '流程', '学习'];
const KPIS = 20;
const DEPARTMENTS = 10;
const PERIODS = 10;

function kpiRows(): Cells[] {
  return Array.from({ length: KPIS }, (_, k) => ({
    name: `指标${String(k + 1).padStart(2, '0')}`,
    formula: `度量${String(k + 1).padStart(2, '0')}`,
    target: k % 3 === 0 ? '≤80' : '≥100',
    weight: 0.05,
    perspective: PERSPECTIVES[k % 4]!,
    owner: `负责人${k % 7}`,
    unit: '',
  }));
}

/** 10 periods × 10 departments × 20 metrics = 2,000 rows, with values spread around the targets. */
function metricRows(): Cells[] {
  const rows: Cells[] = [];
  for (let p = 1; p <= PERIODS; p++) {
    for (let d = 1; d <= DEPARTMENTS; d++) {
      for (let m = 1; m <= KPIS; m++) {
        rows.push({ period: `2024-${String(p).padStart(2, '0')}`, department: `部门${String(d).padStart(2, '0')}`, metric: `度量${String(m).padStart(2, '0')}`, value: 60 + ((p * 31 + d * 17 + m * 7) % 70) });
      }
    }
  }
  return rows;
}

export function sharedCells(metric: string, value: number): Cells {
  return { period: SHARED_PERIOD, department: SHARED_DEPARTMENT, metric, value };
}

export interface LoadWorkspace {
  /** Bearer headers per reader and per writer. */
  readonly readers: readonly Record<string, string>[];
  readonly writers: readonly Record<string, string>[];
  readonly admin: Record<string, string>;
  /** The shared sheet's revision after the seed, and its row keys by metric. */
  readonly sharedRevision: number;
  readonly sharedKeys: ReadonlyMap<string, string>;
}

async function push(to: Target, user: Record<string, string>, path: string, kind: string, rows: Cells[]): Promise<PushResponse> {
  const answer = await send(to, {
    method: 'PUT',
    path,
    headers: { ...user, 'If-None-Match': '*', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ kind, mode: 'full', rows: rows.map((cells) => ({ cells })), deletes: [] }),
    keepBody: true,
  });
  if (answer.status !== 200) throw new Error(`seed push to ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as PushResponse;
}

export async function pullShared(to: Target, user: Record<string, string>): Promise<PullResponse> {
  const answer = await send(to, { method: 'GET', path: SHARED_SHEET_PATH, headers: user, keepBody: true });
  if (answer.status !== 200) throw new Error(`pull of the shared sheet: ${answer.status} ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as PullResponse;
}

/** Seeds the workspace (the admin must be in BOOTSTRAP_ADMINS) and mints every user's token. */
export async function seedLoadWorkspace(to: Target, tokens: DevTokens, counts: { readonly readers: number; readonly writers: number }): Promise<LoadWorkspace> {
  const bearer = async (email: string) => ({ Authorization: `Bearer ${await tokens.sign({ email })}` });
  const admin = await bearer(ADMIN);
  const members = (emails: string[]) => emails.join('、');
  const readerEmails = Array.from({ length: counts.readers }, (_, i) => reader(i + 1));
  const writerEmails = Array.from({ length: counts.writers }, (_, i) => writer(i + 1));
  const matrix: Cells[] = [
    { role: '系统管理员', scope: '全局数据', operations: '查看、导出、分析、修改、删除', members: ADMIN },
    { role: '经理', scope: '全局数据', operations: '查看、导出、分析', members: members(readerEmails) },
    { role: '分析员', scope: '全局数据', operations: '查看、修改', members: members(writerEmails) },
  ];
  await push(to, admin, sheetPath({ workspace: WORKSPACE, workbook: WORKBOOK, sheet: '权限矩阵' }), 'permissions', matrix);
  await push(to, admin, sheetPath({ workspace: WORKSPACE, workbook: WORKBOOK, sheet: 'KPI' }), 'kpi', kpiRows());
  await push(to, admin, BIG_SHEET_PATH, 'metrics', metricRows());
  const sharedRows = [
    ...Array.from({ length: counts.writers }, (_, w) => sharedCells(ownMetric(w + 1), 0)),
    ...Array.from({ length: HOT_ROWS }, (_, h) => sharedCells(hotMetric(h + 1), 0)),
  ];
  await push(to, admin, SHARED_SHEET_PATH, 'metrics', sharedRows);
  const pulled = await pullShared(to, admin);
  const sharedKeys = new Map(pulled.rows.map((r) => [String(r.cells['metric']), r.key]));
  return {
    readers: await Promise.all(readerEmails.map(bearer)),
    writers: await Promise.all(writerEmails.map(bearer)),
    admin,
    sharedRevision: pulled.revision,
    sharedKeys,
  };
}
