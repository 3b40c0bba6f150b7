import request from 'supertest';
import type { DatabaseFactory } from '../../../fixtures/databases';
import { BOSS, matrix, rows, serviceOn, sheetPath, type Cells, type Headers, type Service } from '../../../fixtures/service';

/**
 * The workspace the security findings are reproduced in (issue #19): an administrator, an
 * own-department operator, a masked analyst (view, export, analyze), a masked clerk who may
 * modify but not delete, an unmasked editor who may modify but not delete; a classification of
 * the usual core fields; a KPI sheet whose rows carry extra fields with core values.
 */

export const OPS = 'ops@example.com';
export const ANA = 'ana@example.com';
export const CLERK = 'clerk@example.com';
export const EDITOR = 'editor@example.com';
export const VIEWER = 'viewer@example.com';

export const MATRIX = matrix(
  ['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS],
  ['运营专员', '本部门数据', '查看、导出、分析、修改、删除', OPS],
  ['数据分析师', '全局数据(脱敏)', '查看、导出、分析', ANA],
  ['数据录入员', '全局数据(脱敏)', '查看、修改', CLERK],
  ['编辑', '全局数据', '查看、修改', EDITOR],
  ['访客', '全局数据', '查看', VIEWER],
);

export const CLASSIFICATION = rows(
  { field: '手机号', class: '核心', masking: '哈希' },
  { field: '地址', class: '核心', masking: '只保留省份' },
  { field: '年龄', class: '核心', masking: '年龄段' },
  { field: '身份证号', class: '核心', masking: '哈希' },
  { field: '邮箱', class: '内部', masking: '' },
);

/** Core values planted in the KPI rows' extra fields: none may reach a masked caller in clear. */
export const CORE = {
  phone: '13800138000',
  phone2: '13900139000',
  newPhone: '13700137000',
  address: '广东省深圳市南山区科技园1号',
  idNumber: '44030519900101739X',
  age: 27,
} as const;

/** Text that must never appear in what a masked caller receives. */
export const CLEAR_TEXT: readonly string[] = [CORE.phone, CORE.phone2, CORE.newPhone, '科技园', CORE.idNumber, BOSS, EDITOR];

export const WB = 'kpi.xlsx';
export const KPI_SHEET = 'KPI';

export const KPI_ROWS: Cells[] = [
  { name: '转化率', formula: '付费订单/访客数', target: '≥3%', weight: 0.5, perspective: '客户', owner: '张三', phone: CORE.phone, address: CORE.address, id_number: CORE.idNumber, age: CORE.age },
  { name: 'ROI', formula: '利润/营销投入', target: '≥2', weight: 0.5, perspective: '财务', owner: '李四', phone: CORE.phone2, address: '浙江省杭州市西湖区', id_number: '330106198001011234', age: 44 },
];

export interface Team {
  readonly boss: Headers;
  readonly ops: Headers;
  readonly ana: Headers;
  readonly clerk: Headers;
  readonly editor: Headers;
  readonly viewer: Headers;
}

export async function team(service: Service): Promise<Team> {
  return {
    boss: await service.asUser(BOSS),
    ops: await service.asUser(OPS, { department: '华东运营部' }),
    ana: await service.asUser(ANA),
    clerk: await service.asUser(CLERK),
    editor: await service.asUser(EDITOR),
    viewer: await service.asUser(VIEWER),
  };
}

/** The matrix, the classification (both in access.xlsx) and the KPI sheet, pushed by the administrator. */
export async function plant(service: Service, ws: string, people: Team): Promise<void> {
  const ok = async (res: request.Response, what: string): Promise<void> => {
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await ok(await service.push(people.boss, ws, 'access.xlsx', '权限矩阵', { kind: 'permissions', rows: MATRIX }, { ifMatch: null }), 'matrix');
  await ok(await service.push(people.boss, ws, 'access.xlsx', '数据分类', { kind: 'classification', rows: CLASSIFICATION }, { ifMatch: null }), 'classification');
  await ok(await service.push(people.boss, ws, WB, KPI_SHEET, { kind: 'kpi', rows: rows(...KPI_ROWS) }, { ifMatch: null }), 'kpi');
}

/**
 * A service on the given database with the team and the planted workspace, set up before the
 * describe block's tests and closed after them. Read `service` and `people` inside tests only.
 */
export function plantedWorkspace(factory: DatabaseFactory, ws: string): { readonly service: Service; readonly people: Team } {
  const planted: { service?: Service; people?: Team } = {};
  beforeAll(async () => {
    planted.service = await serviceOn(factory);
    planted.people = await team(planted.service);
    await plant(planted.service, ws, planted.people);
  });
  afterAll(() => planted.service?.close());
  return {
    get service(): Service {
      if (planted.service === undefined) throw new Error('the service is set up in beforeAll');
      return planted.service;
    },
    get people(): Team {
      if (planted.people === undefined) throw new Error('the team is set up in beforeAll');
      return planted.people;
    },
  };
}

/** Every piece of clear core text found in an answer (headers and body). */
export function leaks(res: request.Response): string[] {
  const text = `${JSON.stringify(res.headers)}\n${res.text ?? JSON.stringify(res.body)}`;
  return CLEAR_TEXT.filter((t) => text.includes(t));
}

export { BOSS, rows, sheetPath };
