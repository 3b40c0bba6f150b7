import {
  administers,
  compilePolicy,
  decide,
  isAdminRole,
  leastPrivilegeFindings,
  parseMembers,
  parseOperations,
  parseScope,
  type AccessRequest,
  type Decision,
  type MatrixRow,
  type PolicyUser,
} from '../../../shared/engine/policy';

/** The handbook's matrix (四(二)1), read through the cell parsers. It has no members column. */
function handbookRows(members: [string[], string[], string[]] = [[], [], []]): MatrixRow[] {
  const cells: [string, string, string][] = [
    ['运营专员', '本部门活动数据', '查看、导出'],
    ['数据分析师', '全局数据(脱敏)', '查看、分析'],
    ['系统管理员', '全局数据', '查看、修改、删除'],
  ];
  return cells.map(([role, scope, ops], i) => ({
    role,
    scope: parseScope(scope)!,
    operations: parseOperations(ops).ops,
    members: members[i]!,
  }));
}

describe('parseOperations', () => {
  it.each([
    ['查看、导出', ['view', 'export'], []],
    ['查看、分析', ['view', 'analyze'], []],
    ['查看、修改、删除', ['view', 'modify', 'delete'], []],
    ['查看，導出，刪除', ['view', 'export', 'delete'], []],
    ['查看,导出;分析/修改 删除', ['view', 'export', 'analyze', 'modify', 'delete'], []],
    ['查看\n导出', ['view', 'export'], []],
    ['查看；导出', ['view', 'export'], []],
    ['查看导出', ['view', 'export'], []],
    ['查看和导出', ['view', 'export'], []],
    ['View, Export, Analyse', ['view', 'export', 'analyze'], []],
    ['VIEW / analyze', ['view', 'analyze'], []],
    ['edit and remove', ['modify', 'delete'], []],
    ['view view 查看', ['view'], []],
    ['查看、审批', ['view'], ['审批']],
    ['查看(仅本人)', [], ['查看(仅本人)']],
    ['everything', [], ['everything']],
    ['', [], []],
  ])('%j → %j, unknown %j', (text, ops, unknown) => {
    expect(parseOperations(text)).toEqual({ ops, unknown });
  });
});

describe('parseScope', () => {
  it.each([
    ['本部门活动数据', { kind: 'own-department', masked: false, subject: '活动数据' }],
    ['本部门', { kind: 'own-department', masked: false }],
    ['本部門', { kind: 'own-department', masked: false }],
    ['本部門活動數據', { kind: 'own-department', masked: false, subject: '活動數據' }],
    ['本部门数据(脱敏)', { kind: 'own-department', masked: true }],
    ['Own department', { kind: 'own-department', masked: false }],
    ['own department activity data (masked)', { kind: 'own-department', masked: true, subject: 'activity data' }],
    ['全局数据(脱敏)', { kind: 'global', masked: true }],
    ['全局数据（脱敏）', { kind: 'global', masked: true }],
    ['全局數據（脫敏）', { kind: 'global', masked: true }],
    ['全局数据', { kind: 'global', masked: false }],
    ['全局', { kind: 'global', masked: false }],
    ['全部', { kind: 'global', masked: false }],
    ['全部门数据', { kind: 'global', masked: false }],
    ['Global', { kind: 'global', masked: false }],
    ['all data', { kind: 'global', masked: false }],
    ['All (masked)', { kind: 'global', masked: true }],
    ['global, masked', { kind: 'global', masked: true }],
    ['脱敏后的全局数据', { kind: 'global', masked: true }],
    ['部门数据', null],
    ['本部', null], // "本部" is a headquarters, not "own department"
    ['allocation', null],
    ['(脱敏)', null],
    ['', null],
  ])('%j → %j', (text, scope) => {
    expect(parseScope(text)).toEqual(scope);
  });
});

describe('parseMembers', () => {
  it.each([
    ['ann@contoso.com', ['ann@contoso.com']],
    ['ann@contoso.com, bob@contoso.com', ['ann@contoso.com', 'bob@contoso.com']],
    ['ann@contoso.com bob@contoso.com', ['ann@contoso.com', 'bob@contoso.com']],
    ['运营部、数据组；Ops Team', ['运营部', '数据组', 'Ops Team']],
    ['Ann Lee <ann@contoso.com>\nbob@contoso.com', ['ann@contoso.com', 'bob@contoso.com']],
    ['ann@contoso.com, ANN@Contoso.com', ['ann@contoso.com']],
    ['Ops Team，ops team', ['Ops Team']],
    ['ａｎｎ＠ｃｏｎｔｏｓｏ．ｃｏｍ', ['ann@contoso.com']],
    ['-', []],
    ['无', []],
    ['', []],
  ])('%j → %j', (text, members) => {
    expect(parseMembers(text)).toEqual(members);
  });
});

describe('isAdminRole', () => {
  it.each([
    ['系统管理员', true],
    ['系統管理員', true],
    ['管理员', true],
    ['管理員', true],
    ['超级管理员', true],
    ['admin', true],
    ['Admin', true],
    ['Administrator', true],
    ['System Administrator', true],
    ['system-admin', true],
    ['SysAdmin', true],
    [' 系统管理员 ', true],
    ['运营专员', false],
    ['数据分析师', false],
    ['数据管理员助理', false],
    ['administration clerk', false],
    ['', false],
  ])('%j → %s', (name, admin) => {
    expect(isAdminRole(name)).toBe(admin);
  });
});

describe('compilePolicy and decide', () => {
  const rows = handbookRows([
    ['ops@contoso.com', '运营部'],
    ['analyst@contoso.com', 'Data Team'],
    ['Root@Contoso.com'],
  ]);
  const policy = compilePolicy(rows);

  it('is plain data that survives JSON', () => {
    const copy = JSON.parse(JSON.stringify(policy)) as typeof policy;
    expect(copy).toEqual(policy);
    expect(policy.grants.map((g) => [g.role, g.admin, g.scope.kind, g.scope.masked, g.operations])).toEqual([
      ['运营专员', false, 'own-department', false, ['view', 'export']],
      ['数据分析师', false, 'global', true, ['view', 'analyze']],
      ['系统管理员', true, 'global', false, ['view', 'modify', 'delete']],
    ]);
  });

  const ops: PolicyUser = { email: 'ops@contoso.com', groups: [], department: '华南区' };
  const analyst: PolicyUser = { email: 'someone@contoso.com', groups: ['data team'], department: '总部' };
  const admin: PolicyUser = { email: 'ROOT@contoso.com', groups: [] };
  const both: PolicyUser = { email: 'x@contoso.com', groups: ['运营部', 'Data Team'], department: '华南区' };
  const traditional: PolicyUser = { email: 'y@contoso.com', groups: ['運營部'], department: '华南区' };
  const nobody: PolicyUser = { email: 'eve@contoso.com', groups: ['Other'], department: '华南区' };

  it.each<[string, PolicyUser, AccessRequest, Partial<Decision>]>([
    ['运营专员 views own department', ops, { operation: 'view', department: '华南区' }, { allowed: true, masked: false, reason: 'granted' }],
    ['运营专员 exports own department', ops, { operation: 'export', department: ' 华南区 ' }, { allowed: true, masked: false, reason: 'granted' }],
    ['运营专员 views another department', ops, { operation: 'view', department: '华北区' }, { allowed: false, masked: true, reason: 'other-department' }],
    ['运营专员 views data of no department', ops, { operation: 'view' }, { allowed: false, reason: 'other-department' }],
    ['运营专员 deletes', ops, { operation: 'delete', department: '华南区' }, { allowed: false, reason: 'operation-not-granted' }],
    ['运营专员 without a department', { ...ops, department: undefined }, { operation: 'view', department: '华南区' }, { allowed: false, reason: 'other-department' }],
    ['运营专员 without a department, data of no department', { ...ops, department: undefined }, { operation: 'view' }, { allowed: false, reason: 'other-department' }],
    ['分析师 (by group) analyses anything, masked', analyst, { operation: 'analyze', department: '华北区' }, { allowed: true, masked: true, reason: 'granted', roles: ['数据分析师'] }],
    ['分析师 views data of no department, masked', analyst, { operation: 'view' }, { allowed: true, masked: true }],
    ['分析师 exports', analyst, { operation: 'export', department: '华北区' }, { allowed: false, reason: 'operation-not-granted' }],
    ['管理员 (e-mail in any case) deletes', admin, { operation: 'delete', department: '华北区' }, { allowed: true, masked: false, grantedBy: ['系统管理员'] }],
    ['管理员 may not export', admin, { operation: 'export' }, { allowed: false, reason: 'operation-not-granted' }],
    ['both roles, own department: unmasked (most permissive wins)', both, { operation: 'view', department: '华南区' }, { allowed: true, masked: false, roles: ['运营专员', '数据分析师'], grantedBy: ['运营专员', '数据分析师'] }],
    ['both roles, other department: masked', both, { operation: 'view', department: '华北区' }, { allowed: true, masked: true, grantedBy: ['数据分析师'] }],
    ['both roles, export other department', both, { operation: 'export', department: '华北区' }, { allowed: false, reason: 'other-department' }],
    ['no role', nobody, { operation: 'view', department: '华南区' }, { allowed: false, masked: true, reason: 'no-role', roles: [] }],
    ['empty e-mail matches nothing', { email: '', groups: [] }, { operation: 'view' }, { reason: 'no-role' }],
    ['subject checked when given: other subject', ops, { operation: 'view', department: '华南区', subject: 'users' }, { allowed: false, reason: 'other-subject' }],
    ['subject checked when given: same subject', ops, { operation: 'view', department: '华南区', subject: 'activity' }, { allowed: true, reason: 'granted' }],
    ['a global role names no subject: covers any', analyst, { operation: 'view', subject: 'users' }, { allowed: true }],
    ['a group name is matched exactly, case aside: 運營部 is not 运营部', traditional, { operation: 'view', department: '华南区' }, { allowed: false, reason: 'no-role' }],
    ['an e-mail address is matched exactly, case aside: full-width is another address', { ...admin, email: 'ｒｏｏｔ@contoso.com' }, { operation: 'view' }, { reason: 'no-role' }],
  ])('%s', (_name, user, request, expected) => {
    const d = decide(policy, user, request);
    expect(d).toMatchObject(expected);
    expect(decide(JSON.parse(JSON.stringify(policy)), user, request)).toEqual(d);
  });

  it('a grant whose subject is outside the vocabulary covers nothing, not even at the door', () => {
    const p = compilePolicy([{ role: '火星人', scope: parseScope('全局火星数据')!, operations: ['view'], members: ['m@x.cn'] }]);
    expect(p.grants[0]!.scope.subjects).toEqual([]);
    expect(decide(p, { email: 'm@x.cn', groups: [] }, { operation: 'view' })).toMatchObject({ allowed: false, reason: 'other-subject' });
  });

  it('members written as Entra object ids match the user\'s or a group\'s id', () => {
    const oid = '0b7d6c4e-1111-4a2b-9c3d-2e5f6a7b8c9d';
    const p = compilePolicy([{ role: 'x', scope: { kind: 'global', masked: false }, operations: ['view'], members: [oid.toUpperCase()] }]);
    expect(decide(p, { email: 'a@b.c', groups: [], ids: [oid] }, { operation: 'view' }).allowed).toBe(true);
    expect(decide(p, { email: 'a@b.c', groups: [oid] }, { operation: 'view' }).allowed).toBe(true);
    expect(decide(p, { email: 'a@b.c', groups: [] }, { operation: 'view' }).allowed).toBe(false);
  });

  it('administers: an unmasked global administrator role with modify, and nobody else', () => {
    expect(administers(policy, admin)).toBe(true);
    expect(administers(policy, analyst)).toBe(false);
    expect(administers(policy, ops)).toBe(false);
    const masked = compilePolicy([{ role: '管理员', scope: { kind: 'global', masked: true }, operations: ['view', 'modify'], members: ['m@x.cn'] }]);
    expect(administers(masked, { email: 'm@x.cn', groups: [] })).toBe(false);
  });

  it('reads a group name that looks like a prototype key as a plain name', () => {
    const p = compilePolicy([{ role: 'x', scope: { kind: 'global', masked: false }, operations: ['view'], members: ['constructor'] }]);
    expect(decide(p, { email: 'a@b.c', groups: ['__proto__'] }, { operation: 'view' }).reason).toBe('no-role');
    expect(decide(p, { email: 'a@b.c', groups: ['Constructor'] }, { operation: 'view' }).allowed).toBe(true);
  });
});

describe('leastPrivilegeFindings', () => {
  const row = (role: string, scope: string, ops: string, members: string[] = ['a@x.cn']): MatrixRow => ({
    role,
    scope: parseScope(scope)!,
    operations: parseOperations(ops).ops,
    members,
  });

  it('says what a reviewer says about the handbook matrix', () => {
    expect(leastPrivilegeFindings(handbookRows(), ['身份证号', '地址'])).toEqual([
      { code: 'access.export-core-data', role: '运营专员', row: 0, fields: ['身份证号', '地址'] },
      { code: 'access.role-without-members', role: '运营专员', row: 0 },
      { code: 'access.role-without-members', role: '数据分析师', row: 1 },
      { code: 'access.role-without-members', role: '系统管理员', row: 2 },
    ]);
  });

  it('finds nothing more in the handbook matrix without core fields and with members', () => {
    expect(leastPrivilegeFindings(handbookRows([['a@x.cn'], ['b@x.cn'], ['c@x.cn']]), [])).toEqual([]);
  });

  it.each<[string, MatrixRow[], string[], object[]]>([
    ['delete without modify', [row('清理员', '本部门', '查看、删除')], [], [{ code: 'access.delete-without-modify', role: '清理员', row: 0 }]],
    ['delete with modify is fine', [row('编辑', '本部门', '修改、删除')], [], []],
    ['export of unmasked core data', [row('运营专员', '本部门', '导出')], ['phone'], [{ code: 'access.export-core-data', role: '运营专员', row: 0, fields: ['phone'] }]],
    ['export of masked data is fine', [row('分析师', '全局数据(脱敏)', '查看、导出')], ['phone'], []],
    ['export with no core field is fine', [row('运营专员', '本部门', '导出')], [], []],
    ['global modify outside admin', [row('运营经理', '全局', '查看、修改')], [], [{ code: 'access.global-write-outside-admin', role: '运营经理', row: 0, operations: ['modify'] }]],
    ['global modify and delete outside admin (masked too)', [row('助理', '全局数据(脱敏)', '修改、删除')], [], [{ code: 'access.global-write-outside-admin', role: '助理', row: 0, operations: ['modify', 'delete'] }]],
    ['global write by an admin is fine', [row('Administrator', 'global', 'view, modify, delete')], [], []],
    ['own-department write is fine', [row('运营专员', '本部门', '修改')], [], []],
    ['role without members', [row('运营专员', '本部门', '查看', [])], [], [{ code: 'access.role-without-members', role: '运营专员', row: 0 }]],
    ['"-" is no member', [row('运营专员', '本部门', '查看', ['-'])], [], [{ code: 'access.role-without-members', role: '运营专员', row: 0 }]],
    [
      'member in roles of different scope kinds',
      [row('运营专员', '本部门', '查看', ['Ann@x.cn']), row('数据分析师', '全局数据(脱敏)', '查看', ['ann@x.cn'])],
      [],
      [{ code: 'access.member-conflicting-scopes', role: '运营专员', row: 0, member: 'Ann@x.cn', otherRole: '数据分析师', otherRow: 1 }],
    ],
    [
      'member (group) in roles that differ in masking only',
      [row('分析师', '全局(脱敏)', '查看', ['数据组']), row('审计', '全局', '查看', ['数据组'])],
      [],
      [{ code: 'access.member-conflicting-scopes', role: '分析师', row: 0, member: '数据组', otherRole: '审计', otherRow: 1 }],
    ],
    [
      'a role written twice (the duplicate key is reported elsewhere) is no conflict',
      [row('运营专员', '本部门', '查看', ['g']), row('運營專員', '全局', '查看', ['g'])],
      [],
      [],
    ],
    ['member in two roles of the same scope is fine', [row('A', '本部门', '查看', ['g']), row('B', '本部门', '分析', ['g'])], [], []],
  ])('%s', (_name, rows, core, findings) => {
    expect(leastPrivilegeFindings(rows, core)).toEqual(findings);
  });
});
