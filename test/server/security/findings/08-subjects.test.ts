import request from 'supertest';
import { databaseFactories } from '../../../fixtures/databases';
import { BOSS, matrix, serviceOn, type Service } from '../../../fixtures/service';
import { rows } from './workspace';

/**
 * Finding 8 (medium): a data subject was shown but not enforced: 本部门活动数据 (own department's
 * activity data) granted every sheet of the department, and nothing told the administrator. Now
 * subjects come from a documented vocabulary (shared/engine/subjects.ts): a grant covers the
 * sheets of its subjects only, and a subject outside the vocabulary is an error at its cell that
 * grants nothing.
 */
const PLANNER = 'planner@example.com';
const OPS = 'ops@example.com';
const MARTIAN = 'martian@example.com';

describe.each(databaseFactories)('subjects on $name', (factory) => {
  const WS = 'f8';
  let service: Service;
  let matrixAnswer: request.Response;

  beforeAll(async () => {
    service = await serviceOn(factory);
    const boss = await service.asUser(BOSS);
    matrixAnswer = await service.push(
      boss,
      WS,
      'access.xlsx',
      '权限矩阵',
      {
        kind: 'permissions',
        rows: matrix(
          ['系统管理员', '全局数据', '查看、导出、分析、修改、删除', BOSS],
          ['运营专员', '本部门活动数据', '查看、导出', OPS],
          ['计划员', '全局计划数据', '查看', PLANNER],
          ['火星人', '全局火星数据', '查看', MARTIAN],
        ),
      },
      { ifMatch: null },
    );
    expect(matrixAnswer.status).toBe(200);
    await service.push(boss, WS, 'kpi.xlsx', 'KPI', { kind: 'kpi', rows: rows({ name: '转化率', target: '≥3%', weight: 1 }) }, { ifMatch: null }).expect(200);
    await service
      .push(boss, WS, 'kpi.xlsx', '指标数据', { kind: 'metrics', rows: rows({ period: '2024-03', department: '华东运营部', metric: '访客数', value: 100 }, { period: '2024-03', department: '华北运营部', metric: '访客数', value: 90 }) }, { ifMatch: null })
      .expect(200);
    await service.push(boss, WS, 'plan.xlsx', '甘特图', { kind: 'gantt', rows: rows({ task: '策划', start: '2024-03-01', end: '2024-03-05' }) }, { ifMatch: null }).expect(200);
  });
  afterAll(() => service.close());

  it('the own-department activity grant reaches its department\'s metric values only', async () => {
    const ops = await service.asUser(OPS, { department: '华东运营部' });
    const metrics = await service.pull(ops, WS, 'kpi.xlsx', '指标数据').expect(200);
    expect(metrics.body.rows.map((r: { cells: { department: string } }) => r.cells.department)).toEqual(['华东运营部']);
    await service.pull(ops, WS, 'plan.xlsx', '甘特图').expect(403);
  });

  it('a global plan grant reaches the plan, not the metric values or the users', async () => {
    const planner = await service.asUser(PLANNER);
    await service.pull(planner, WS, 'plan.xlsx', '甘特图').expect(200);
    await service.pull(planner, WS, 'kpi.xlsx', '指标数据').expect(403);
    await service.pull(planner, WS, 'kpi.xlsx', 'KPI').expect(403);
    await request(service.app).get(`/api/v1/workspaces/${WS}/users`).set(planner).expect(403);
  });

  it('an unknown subject is an error at its cell and grants nothing', async () => {
    expect(matrixAnswer.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'access.subject-unknown', severity: 'error', message: expect.stringContaining('火星数据') })]));
    const martian = await service.asUser(MARTIAN);
    await service.pull(martian, WS, 'plan.xlsx', '甘特图').expect(403);
    await service.pull(martian, WS, 'kpi.xlsx', 'KPI').expect(403);
  });
});
