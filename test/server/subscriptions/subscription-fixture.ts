import ExcelJS from 'exceljs';
import type { Logger } from 'pino';
import { createApp } from '../../../server/app';
import { MsalGraphClient } from '../../../server/graph/msal-graph-client';
import { createScorecardService, type ScorecardService } from '../../../server/scorecard/scorecard-service';
import type { Store } from '../../../server/store/store-types';
import { startGraphStub, type GraphStub, type StubDirectoryUser } from '../../fixtures/graph-stub';
import { fixedClock, silentLogger } from '../../fixtures/http-harness';
import { BOSS, matrix, rows, type Service } from '../../fixtures/service';

/**
 * A workspace for subscription tests, on a real store, with two canaries:
 * - SOUTH_CANARY, a phone-shaped number, is a measurement of 华南运营部 only: no one scoped to
 *   华东 may ever receive it;
 * - NAME_CANARY, a phone number inside a KPI's name (reference data every department sees):
 *   a masked recipient must get it pseudonymised, an unmasked one in clear.
 */

export const WS = 'ops';
export const SENDER = 'scorecards@contoso.com';
export const EAST = '华东运营部';
export const SOUTH = '华南运营部';
export const EAST_MANAGER = 'east.manager@example.com';
export const SOUTH_MANAGER = 'south.manager@example.com';
export const VIEWER = 'viewer@example.com';
/** An Entra group whose members hold an own-department, masked role (the directory tests). */
export const REGIONAL_GROUP = '区域经理组';
export const SOUTH_CANARY = 13912345678;
export const NAME_CANARY = '13800138000';
export const HOTLINE = `Hotline ${NAME_CANARY}`;

export const TENANT_ID = 'tenant-1';
export const CLIENT_ID = 'ops-scorecard-app';
export const SECRET = 'stub-client-secret-value';

export async function seedWorkspace(service: Service): Promise<void> {
  const boss = await service.asUser(BOSS);
  const pushes: [string, string, Parameters<Service['push']>[4]][] = [
    [
      'access.xlsx',
      '权限矩阵',
      {
        kind: 'permissions',
        rows: matrix(
          ['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS],
          ['部门经理', '本部门数据(脱敏)', '查看、导出', `${EAST_MANAGER}、${SOUTH_MANAGER}`],
          ['访客', '全局数据', '查看', VIEWER],
          ['区域经理', '本部门数据(脱敏)', '查看、导出', REGIONAL_GROUP],
        ),
      },
    ],
    ['access.xlsx', '数据分类', { kind: 'classification', rows: rows({ field: '负责人', class: '核心', masking: '哈希' }) }],
    [
      'kpi.xlsx',
      'KPI',
      {
        kind: 'kpi',
        rows: rows(
          { name: '转化率', formula: '付费订单/访客数', target: '≥3%', weight: 0.4, perspective: '客户', owner: '李四' },
          { name: HOTLINE, target: '≥90%', weight: 0.3, perspective: '流程', owner: '赵六' },
          { name: 'Callback', target: '≥1', weight: 0.3, perspective: '流程', owner: '钱七' },
        ),
      },
    ],
    [
      'metrics.xlsx',
      '指标',
      {
        kind: 'metrics',
        rows: rows(
          { period: '2024-02', department: EAST, metric: '付费订单', value: 300 },
          { period: '2024-02', department: EAST, metric: '访客数', value: 10000 },
          { period: '2024-02', department: EAST, metric: HOTLINE, value: 0.95 },
          { period: '2024-02', department: EAST, metric: 'Callback', value: 7 },
          { period: '2024-02', department: SOUTH, metric: '付费订单', value: 330 },
          { period: '2024-02', department: SOUTH, metric: '访客数', value: 10000 },
          { period: '2024-02', department: SOUTH, metric: HOTLINE, value: 0.8 },
          { period: '2024-02', department: SOUTH, metric: 'Callback', value: SOUTH_CANARY },
        ),
      },
    ],
  ];
  for (const [workbook, sheet, body] of pushes) {
    const res = await service.push(boss, WS, workbook, sheet, body, { ifMatch: null });
    if (res.status !== 200) throw new Error(`seed ${sheet}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function graphStub(directory: readonly StubDirectoryUser[] = []): Promise<GraphStub> {
  return startGraphStub({ tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: SECRET, users: {}, directory });
}

/** The service's Graph client against the stub; `waits` receives every back-off it sleeps, `log` its warnings. */
export function mailClient(stub: GraphStub, waits: number[] = [], log?: Logger): MsalGraphClient {
  return new MsalGraphClient({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    authority: stub.authority,
    graphBaseUrl: stub.graphBaseUrl,
    fetch: stub.fetch,
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 5_000 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...(log === undefined ? {} : { log }),
  });
}

/**
 * A scorecard service over `store` (default the service's own), as buildServices makes one: what a
 * subscription service built outside an app sends from. A second instance gets its own, as a
 * second process would.
 */
export function scorecardsOf(service: Service, store: Store = service.store): ScorecardService {
  return createScorecardService({ store, clock: fixedClock, pseudonymKey: service.deps.pseudonymKey, logger: silentLogger(), maxBytes: 64 * 1024 * 1024, warmSeconds: 0 });
}

/** The app of `service` with mail configured (MAIL_SENDER), logging to `logger`. */
export function appWithMail(service: Service, client: MsalGraphClient, logger: Logger): ReturnType<typeof createApp> {
  return createApp({ ...service.deps, config: { ...service.deps.config, mail: { sender: SENDER } }, mail: client, logger });
}

export async function openAttachment(contentBytes: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBytes, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of every sheet as text, one per line. */
export function workbookText(wb: ExcelJS.Workbook): string {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    out.push(`# ${ws.name}`);
    ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  }
  return out.join('\n');
}
