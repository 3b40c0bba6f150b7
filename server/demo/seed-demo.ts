import { USER_SYNC_PATH } from '../../shared/api/paths';
import { PushBodySchema } from '../../shared/api/sync';
import type { SheetGrid } from '../../shared/table/grid';
import { readTable } from '../../shared/table/locate';
import { recogniseSheet } from '../../shared/workbook/analyse';
import { DEV_DEFAULT_TENANT, devUserId } from '../access/dev-tokens';
import { unrestrictedAccess } from '../access/enforce';
import type { Principal } from '../access/identity';
import { callerView } from '../access/masking/caller-view';
import { localDate } from '../clock/local-date';
import { createGroupLookup } from '../access/group-lookup';
import type { AppDeps } from '../deps';
import { createPushService } from '../sync/push-service';
import type { Caller } from '../sync/push-types';
import type { SyncedUser } from '../store/store-types';
import {
  DEMO_CLASSIFICATION_TABLE,
  DEMO_GANTT_TABLE,
  DEMO_KPI_TABLE,
  DEMO_METRIC_TABLE,
  DEMO_ADMIN,
  DEMO_MATRIX_TABLE,
  DEMO_USER_TABLE,
  HANDBOOK_DASHBOARD_TABLE,
  type Row,
} from './handbook-tables';

/**
 * The demo workspace of a fresh `npm start`: the handbook's tables (as in
 * examples/ops-scorecard-demo.xlsx, same sheet names) pushed through the same pipeline as a
 * sync — natural keys, checks, the permission matrix becoming the policy — plus the handbook's
 * two CRM users. Only into an empty development store: it never touches data someone made.
 *
 * The matrix holds the development user the serve banner names (admin@example.com) as
 * 管理员 with every operation, so the printed token can open the demo scorecard at once.
 */

export const DEMO_TENANT = DEV_DEFAULT_TENANT;
export const DEMO_WORKSPACE = 'demo';
export const DEMO_WORKBOOK = 'ops-scorecard-demo.xlsx';
export { DEMO_ADMIN };

const DEMO_SHEETS: readonly (readonly [name: string, rows: readonly Row[]])[] = [
  ['权限矩阵', DEMO_MATRIX_TABLE],
  ['数据分类', DEMO_CLASSIFICATION_TABLE],
  ['KPI', DEMO_KPI_TABLE],
  ['指标数据', DEMO_METRIC_TABLE],
  ['数据看板', HANDBOOK_DASHBOARD_TABLE],
  ['甘特图', DEMO_GANTT_TABLE],
];

/** The demo's users as the CRM sync would send them (handbook user_ids 12345 and 67890). */
function demoUsers(at: string): SyncedUser[] {
  const [, ...rows] = DEMO_USER_TABLE;
  return rows.map(([id, phone, registered, address, age, source]) => ({
    userId: String(id),
    fields: { phone: String(phone), registered_at: String(registered), address: address ?? null, age: age ?? null },
    dataSource: String(source ?? 'CRM'),
    syncedAt: at,
  }));
}

export type SeedDeps = Pick<AppDeps, 'store' | 'config' | 'clock' | 'pseudonymKey'>;

export interface DemoInfo {
  readonly tenantId: string;
  readonly workspace: string;
  readonly adminEmail: string;
  /** Whether this start created it (false: it was there already). */
  readonly created: boolean;
}

/**
 * Seeds the demo when the tenant has no workspace yet; answers what is there either way (null
 * when the tenant has workspaces but no demo: someone's own data, left alone).
 */
export async function seedDemo(deps: SeedDeps): Promise<DemoInfo | null> {
  const info = { tenantId: DEMO_TENANT, workspace: DEMO_WORKSPACE, adminEmail: DEMO_ADMIN };
  const workspaces = await deps.store.listWorkspaces(DEMO_TENANT);
  if (workspaces.length > 0) return workspaces.includes(DEMO_WORKSPACE) ? { ...info, created: false } : null;

  const principal: Principal = { tenantId: DEMO_TENANT, userId: devUserId(DEMO_ADMIN), email: DEMO_ADMIN, groups: [], scopes: [], issuer: 'development' };
  // The seed acts as the system, before any policy exists: a global, unmasked administrator.
  const access = unrestrictedAccess(DEMO_WORKSPACE, 'modify', 'demo-seed');
  const now = deps.clock.now();
  const caller: Caller = {
    principal,
    assertion: '',
    view: callerView(deps, access, DEMO_TENANT, 'zh-CN'),
    locale: 'zh-CN',
    today: localDate(now),
  };
  // The same sync service as the routes, without Graph: the seed's caller is a development user.
  const sync = createPushService({
    store: deps.store,
    maxRows: deps.config.sync.maxRows,
    groupsOf: createGroupLookup({ graph: null, clock: deps.clock, logger: { warn: () => undefined } }),
  });

  for (const [sheet, table] of DEMO_SHEETS) {
    const grid: SheetGrid = { name: sheet, rows: table.map((r) => [...r]) };
    const found = recogniseSheet(grid);
    if (!found) throw new Error(`demo seed: sheet ${sheet} is not recognised`);
    const body = PushBodySchema.parse({
      kind: found.room.kind,
      mode: 'full',
      rows: readTable(grid, found.header).rows.map((r) => ({ cells: { ...r.cells } })),
      deletes: [],
    });
    const pushed = await sync.push(caller, {
      ref: { tenantId: DEMO_TENANT, workspace: DEMO_WORKSPACE, workbook: DEMO_WORKBOOK, sheet },
      body,
      baseRevision: null,
      idempotencyKey: `demo-seed:${sheet}`,
      requestHash: `demo-seed:${sheet}`,
    });
    if (!pushed.ok) throw new Error(`demo seed: sheet ${sheet} was refused (${pushed.error.code})`);
  }
  await deps.store.upsertUsers(DEMO_TENANT, DEMO_WORKSPACE, demoUsers(now.toISOString()));
  return { ...info, created: true };
}

/**
 * The handbook's user-sync body (四(一)2: user_ids, data_source, timestamp), with the `users`
 * the service requires (the handbook's definition of a user: id, phone, registration time, and
 * more fields): the demo's two users as seeded, address and age included, so that the call
 * re-syncs them and the demo's masking still has core fields to mask.
 */
export function handbookUserSyncBody(): string {
  const [, ...rows] = DEMO_USER_TABLE;
  const users = rows.map(([id, phone, registered, address, age]) => ({
    user_id: String(id),
    phone: String(phone),
    registered_at: String(registered),
    ...(address !== undefined && address !== null ? { address } : {}),
    ...(age !== undefined && age !== null ? { age } : {}),
  }));
  return JSON.stringify({ user_ids: users.map((u) => u.user_id), data_source: 'CRM', timestamp: '2023-12-01T08:00:00Z', users });
}

/**
 * What `serve` prints about the demo: where to click, and curl lines that work as they are.
 * `userSyncWorkspace` is the service's USER_SYNC_WORKSPACE: when it is set to another workspace
 * the user-sync line names the demo's, since the request alone would go elsewhere.
 */
export function demoBanner(url: string, demo: DemoInfo, token: string | null, userSyncWorkspace: string | null = null): string {
  const scorecard = `${url}/api/v1/workspaces/${encodeURIComponent(demo.workspace)}/scorecard.xlsx`;
  const named = userSyncWorkspace !== null && userSyncWorkspace !== demo.workspace;
  const userSync = `${url}${USER_SYNC_PATH}${named ? `?workspace=${encodeURIComponent(demo.workspace)}` : ''}`;
  const auth = token === null ? `$(npx ops-scorecard token --user ${demo.adminEmail})` : token;
  return (
    `Demo workspace "${demo.workspace}" (from the handbook's tables${demo.created ? ', created now' : ''}):\n` +
    `  task pane: ${url}/taskpane.html\n` +
    `  API docs:  ${url}/api/docs\n` +
    `  demo scorecard workbook (as ${demo.adminEmail}, a development token valid 8 hours):\n` +
    `    curl -H "Authorization: Bearer ${auth}" -o scorecard.xlsx ${scorecard}\n` +
    `  the handbook's user sync (${named ? `into "${demo.workspace}"` : `no workspace named: it goes to "${demo.workspace}"`}):\n` +
    `    curl -H "Authorization: Bearer ${auth}" -H "Content-Type: application/json" -d '${handbookUserSyncBody()}' ${userSync}\n`
  );
}
