import { matchKey, normalizeText } from '../text/normalize';
import { toSimplified } from '../text/simplified';

/**
 * The permission matrix as a policy: parsing of its cells, compilation into a plain-data
 * policy (what the service stores once an admin syncs the matrix), the access decision, and
 * the least-privilege review of the matrix.
 */

export const OPERATIONS = ['view', 'export', 'analyze', 'modify', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type ScopeKind = 'own-department' | 'global';

export interface Scope {
  readonly kind: ScopeKind;
  /** "(脱敏)": core fields leave the service masked. */
  readonly masked: boolean;
  /** What the scope is about, as written ("活动数据" in "本部门活动数据"); absent for "all data". */
  readonly subject?: string;
}

/** One row of the permission matrix, parsed. */
export interface MatrixRow {
  readonly role: string;
  readonly scope: Scope;
  readonly operations: readonly Operation[];
  /** E-mail addresses or group names (Entra group display names). */
  readonly members: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Cells

const OPERATION_WORDS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ['查看', 'view'],
  ['查询', 'view'],
  ['浏览', 'view'],
  ['瀏览', 'view'],
  ['读取', 'view'],
  ['讀取', 'view'],
  ['只读', 'view'],
  ['只讀', 'view'],
  ['view', 'view'],
  ['read', 'view'],
  ['readonly', 'view'],
  ['导出', 'export'],
  ['下载', 'export'],
  ['下載', 'export'],
  ['export', 'export'],
  ['download', 'export'],
  ['分析', 'analyze'],
  ['analyze', 'analyze'],
  ['analyse', 'analyze'],
  ['analysis', 'analyze'],
  ['修改', 'modify'],
  ['编辑', 'modify'],
  ['編輯', 'modify'],
  ['更新', 'modify'],
  ['modify', 'modify'],
  ['edit', 'modify'],
  ['update', 'modify'],
  ['write', 'modify'],
  ['删除', 'delete'],
  ['delete', 'delete'],
  ['remove', 'delete'],
]);

const CJK = /[\u3400-\u9fff]/;

/** Chinese words, longest first, to split a cell written without separators ("查看导出"). */
const CJK_OPERATION_WORDS = [...OPERATION_WORDS.keys()]
  .filter((w) => CJK.test(w))
  .sort((a, b) => b.length - a.length);

function operationsOfToken(key: string): Operation[] | null {
  const one = OPERATION_WORDS.get(key);
  if (one) return [one];
  if (!CJK.test(key)) return null;
  const ops: Operation[] = [];
  let i = 0;
  outer: while (i < key.length) {
    for (const word of CJK_OPERATION_WORDS) {
      if (key.startsWith(word, i)) {
        ops.push(OPERATION_WORDS.get(word)!);
        i += word.length;
        continue outer;
      }
    }
    return null;
  }
  return ops;
}

const OPERATION_SEPARATORS = /(?:[、,，/;；|&+\s]|以及|和|及|与|與|\band\b)+/i;

/**
 * The operations a cell grants, in the order written, without duplicates, and the words it
 * could not read (as written, for the message). 查看 导出 分析 修改 删除 (Simplified or
 * Traditional), view export analyze/analyse modify/edit delete/remove (any case), and a few
 * synonyms (查询, 浏览, 下载, 编辑, 更新, read, download, update). Separators: 、 ， , / ; ；
 * spaces, line breaks, 和 及 与, "and". A word with a note attached ("查看(仅本人)") is unknown,
 * not silently widened to the bare operation.
 */
export function parseOperations(text: string | null | undefined): { ops: Operation[]; unknown: string[] } {
  const ops: Operation[] = [];
  const unknown: string[] = [];
  if (!text) return { ops, unknown };
  for (const token of normalizeText(text).split(OPERATION_SEPARATORS)) {
    if (token === '') continue;
    const found = operationsOfToken(matchKey(token));
    if (!found) {
      unknown.push(token);
      continue;
    }
    for (const op of found) if (!ops.includes(op)) ops.push(op);
  }
  return { ops, unknown };
}

const MASKED_MARK =
  /[([（【]\s*(?:脱敏|masked|masking|desensiti[sz]ed|anonymi[sz]ed|pseudonymi[sz]ed)\s*[)\]）】]|脱敏(?:后)?|\b(?:masked|desensiti[sz]ed|anonymi[sz]ed|pseudonymi[sz]ed)\b/gi;

const OWN_DEPARTMENT = /^(?:本部门|所在部门|同部门|own[\s-]*(?:department|dept\.?)|(?:same|my)[\s-]*(?:department|dept\.?))/i;
const GLOBAL = /^(?:全局|全部门|所有部门|全公司|全部|所有|全量|global\b|all\b|company[\s-]*wide\b|organi[sz]ation[\s-]*wide\b)/i;
const NO_SUBJECT = new Set(['', '数据', 'data', '全部数据', 'alldata', '所有数据']);

/**
 * A data-scope cell: '本部门…' / '本部門…' / 'own department…' → own-department; '全局…' / '全部' /
 * 'global' / 'all' → global; '(脱敏)', '（脱敏）', 'masked' anywhere → masked. What follows the
 * scope word is the subject ('本部门活动数据' → '活动数据'); '数据' / 'data' alone is no subject.
 * null when the cell names neither scope.
 */
export function parseScope(text: string | null | undefined): Scope | null {
  if (!text) return null;
  // toSimplified maps character for character, so indices in `folded` hold in `written`.
  const written = normalizeText(text);
  const folded = toSimplified(written);
  const masked = new RegExp(MASKED_MARK.source, 'i').test(folded);
  const keep: string[] = [];
  const keepFolded: string[] = [];
  let last = 0;
  for (const m of folded.matchAll(MASKED_MARK)) {
    keep.push(written.slice(last, m.index));
    keepFolded.push(folded.slice(last, m.index));
    last = m.index + m[0].length;
  }
  keep.push(written.slice(last));
  keepFolded.push(folded.slice(last));
  // Same length: strip the same leading "的" and spaces from both.
  const joined = keepFolded.join('');
  const lead = /^[\s的之]*/.exec(joined)![0].length;
  const rest = keep.join('').slice(lead).trimEnd();
  const restFolded = joined.slice(lead).trimEnd();

  let kind: ScopeKind;
  let m = OWN_DEPARTMENT.exec(restFolded);
  if (m) kind = 'own-department';
  else if ((m = GLOBAL.exec(restFolded))) kind = 'global';
  else return null;

  const subject = rest
    .slice(m[0].length)
    .replace(/^[\s的之:：,，、\-–—]+|^of\s+/i, '')
    .replace(/[\s,，、:：;；\-–—]+$/, '')
    .trim();
  const scope: { kind: ScopeKind; masked: boolean; subject?: string } = { kind, masked };
  if (!NO_SUBJECT.has(matchKey(subject))) scope.subject = subject;
  return scope;
}

/**
 * The members of a role: e-mail addresses or group names, separated by 、 ， , ; ； | or line
 * breaks (spaces separate only e-mail addresses: a group name may hold spaces). "Ann <ann@x.cn>"
 * keeps the address. '-', '—', '无', 'none' are no member. Duplicates (ignoring case for
 * addresses, matchKey for groups) are dropped, the first spelling kept.
 */
export function parseMembers(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (member: string): void => {
    const m = member.trim();
    if (m === '' || /^(?:-|—|–|无|無|none|n\/a)$/i.test(m)) return;
    const key = memberKey(m);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  for (const piece of normalizeText(text.replace(/[\r\n]+/g, ',')).split(/[、,，;；|]+/)) {
    const angle = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(piece);
    if (angle) {
      add(angle[1]!);
      continue;
    }
    const words = piece.trim().split(/\s+/);
    if (words.length > 1 && words.every((w) => w.includes('@'))) words.forEach(add);
    else add(piece);
  }
  return out;
}

function isEmail(member: string): boolean {
  return member.includes('@');
}

/** How members compare: e-mail addresses ignoring case, group names by matchKey. */
function memberKey(member: string): string {
  const m = normalizeText(member);
  return isEmail(m) ? `@${m.toLowerCase()}` : matchKey(m);
}

const ADMIN_NAMES = new Set(
  [
    '系统管理员',
    '管理员',
    '超级管理员',
    '系统管理者',
    'admin',
    'admins',
    'administrator',
    'administrators',
    'system administrator',
    'system admin',
    'sysadmin',
    'super admin',
    'superadmin',
    'super administrator',
    'global administrator',
    'it admin',
    'it administrator',
  ].map(matchKey),
);

/** A role named as an administrator: 系统管理员, 管理员, 系統管理員, admin, administrator, sysadmin… */
export function isAdminRole(name: string): boolean {
  return ADMIN_NAMES.has(matchKey(name));
}

// ---------------------------------------------------------------------------------------------
// Policy

export interface PolicyGrant {
  /** The role as written (trimmed). */
  readonly role: string;
  readonly admin: boolean;
  readonly scope: {
    readonly kind: ScopeKind;
    readonly masked: boolean;
    readonly subject?: string;
    /** matchKey of the subject without a trailing 数据 / data. */
    readonly subjectKey?: string;
  };
  /** Canonical order (OPERATIONS), no duplicates. */
  readonly operations: readonly Operation[];
  /** Lower-cased e-mail addresses. */
  readonly emails: readonly string[];
  /** matchKey of group names. */
  readonly groups: readonly string[];
}

/** Plain data: JSON.parse(JSON.stringify(policy)) decides the same. */
export interface Policy {
  readonly version: 1;
  /** One per matrix row, in matrix order. */
  readonly grants: readonly PolicyGrant[];
}

function subjectKey(subject: string): string {
  return matchKey(subject).replace(/(?:数据|data)$/, '');
}

export function compilePolicy(rows: readonly MatrixRow[]): Policy {
  const grants: PolicyGrant[] = rows.map((row) => {
    const emails: string[] = [];
    const groups: string[] = [];
    for (const member of row.members) {
      const m = normalizeText(member);
      if (isEmail(m)) {
        const e = m.toLowerCase();
        if (!emails.includes(e)) emails.push(e);
      } else {
        const g = matchKey(m);
        if (g !== '' && !groups.includes(g)) groups.push(g);
      }
    }
    const scope: { kind: ScopeKind; masked: boolean; subject?: string; subjectKey?: string } = {
      kind: row.scope.kind,
      masked: row.scope.masked,
    };
    if (row.scope.subject !== undefined && subjectKey(row.scope.subject) !== '') {
      scope.subject = normalizeText(row.scope.subject);
      scope.subjectKey = subjectKey(row.scope.subject);
    }
    return {
      role: normalizeText(row.role),
      admin: isAdminRole(row.role),
      scope,
      operations: OPERATIONS.filter((op) => row.operations.includes(op)),
      emails,
      groups,
    };
  });
  return { version: 1, grants };
}

export interface PolicyUser {
  readonly email: string;
  /** Group names (Entra display names) the user belongs to. */
  readonly groups: readonly string[];
  readonly department?: string;
}

export interface AccessRequest {
  readonly operation: Operation;
  /** The department the data belongs to; absent for data of no department. */
  readonly department?: string;
  /**
   * What the data is ("活动数据"). Optional: when given, a grant whose scope names a subject
   * covers only that subject. When absent, subjects are not checked (see decide).
   */
  readonly subject?: string;
}

export type DecisionReason = 'no-role' | 'operation-not-granted' | 'other-department' | 'other-subject' | 'granted';

export interface Decision {
  readonly allowed: boolean;
  /** Every role the user holds, matrix order, no duplicates. */
  readonly roles: string[];
  /** The roles that grant this request (empty when denied). */
  readonly grantedBy: string[];
  /** Core fields must be masked. Always true when the request is denied (fail closed). */
  readonly masked: boolean;
  readonly reason: DecisionReason;
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * May this user do this to this data, and masked or not?
 *
 * - A user holds every role that lists their e-mail (any case) or one of their groups (matchKey).
 * - Allowed when some held role grants the operation with a scope that covers the data: global
 *   covers everything; own-department covers data whose department equals the user's
 *   (matchKey), so never data of no department and never when the user has no department.
 * - Most-permissive granting role wins: masked only when every granting role is masked (a user
 *   who is both 运营专员 and 数据分析师 sees their own department unmasked, others masked).
 * - Reasons, first that applies: no-role, operation-not-granted (no held role grants it),
 *   other-department (granted, but no granting scope covers the data), other-subject (only with
 *   request.subject: the covering grants name another subject), granted.
 * - Subjects: the matrix's "本部门活动数据" names activity data. The policy enforces the subject
 *   only when the caller passes request.subject; the caller who cannot say what the data is
 *   gets department and masking enforcement only.
 */
export function decide(policy: Policy, user: PolicyUser, request: AccessRequest): Decision {
  const email = normalizeText(user.email).toLowerCase();
  const groups = new Set(user.groups.map(matchKey).filter((g) => g !== ''));
  const userDept = user.department === undefined ? '' : matchKey(user.department);
  const dataDept = request.department === undefined ? '' : matchKey(request.department);
  const wantedSubject = request.subject === undefined ? '' : subjectKey(request.subject);

  const roles: string[] = [];
  const grantedBy: string[] = [];
  let anyOperation = false;
  let anyDepartment = false;
  let masked = true;
  for (const g of policy.grants) {
    const holds = (email !== '' && g.emails.includes(email)) || g.groups.some((k) => groups.has(k));
    if (!holds) continue;
    pushOnce(roles, g.role);
    if (!g.operations.includes(request.operation)) continue;
    anyOperation = true;
    const covers = g.scope.kind === 'global' || (userDept !== '' && userDept === dataDept);
    if (!covers) continue;
    anyDepartment = true;
    if (wantedSubject !== '' && g.scope.subjectKey !== undefined && g.scope.subjectKey !== wantedSubject) continue;
    pushOnce(grantedBy, g.role);
    if (!g.scope.masked) masked = false;
  }
  const reason: DecisionReason =
    roles.length === 0
      ? 'no-role'
      : !anyOperation
        ? 'operation-not-granted'
        : !anyDepartment
          ? 'other-department'
          : grantedBy.length === 0
            ? 'other-subject'
            : 'granted';
  const allowed = reason === 'granted';
  return { allowed, roles, grantedBy, masked: allowed ? masked : true, reason };
}

// ---------------------------------------------------------------------------------------------
// Least privilege

export type LeastPrivilegeFinding =
  /** Delete granted without modify: someone may destroy what they may not correct. */
  | { readonly code: 'access.delete-without-modify'; readonly role: string; readonly row: number }
  /** Export on an unmasked scope while the classification has core fields: core data leaves in clear. */
  | {
      readonly code: 'access.export-core-data';
      readonly role: string;
      readonly row: number;
      readonly fields: readonly string[];
    }
  /** Modify or delete over all departments by a role that is not an administrator. */
  | {
      readonly code: 'access.global-write-outside-admin';
      readonly role: string;
      readonly row: number;
      readonly operations: readonly ('modify' | 'delete')[];
    }
  /** Nobody holds the role: it grants nothing, or members are kept elsewhere, unreviewed. */
  | { readonly code: 'access.role-without-members'; readonly role: string; readonly row: number }
  /** A member in two roles whose scopes differ in kind or masking: the widest one applies. */
  | {
      readonly code: 'access.member-conflicting-scopes';
      readonly role: string;
      readonly row: number;
      readonly member: string;
      readonly otherRole: string;
      readonly otherRow: number;
    };

/**
 * What a reviewer applying the least-privilege principle says about a matrix. `row` is the
 * index in `rows`. Findings are advice on a matrix that is still enforceable (warnings, not
 * errors), in row order; for each row: delete-without-modify, export-core-data,
 * global-write-outside-admin, role-without-members; conflicting scopes last, by member.
 * `coreFields` are the fields the classification marks core (export-core-data needs one).
 */
export function leastPrivilegeFindings(
  rows: readonly MatrixRow[],
  coreFields: readonly string[],
): LeastPrivilegeFinding[] {
  const findings: LeastPrivilegeFinding[] = [];
  rows.forEach((r, row) => {
    const role = normalizeText(r.role);
    const has = (op: Operation): boolean => r.operations.includes(op);
    if (has('delete') && !has('modify')) findings.push({ code: 'access.delete-without-modify', role, row });
    if (has('export') && !r.scope.masked && coreFields.length > 0) {
      findings.push({ code: 'access.export-core-data', role, row, fields: [...coreFields] });
    }
    if (r.scope.kind === 'global' && !isAdminRole(r.role)) {
      const writes = (['modify', 'delete'] as const).filter(has);
      if (writes.length > 0) findings.push({ code: 'access.global-write-outside-admin', role, row, operations: writes });
    }
    if (r.members.every((m) => memberKey(m) === '')) findings.push({ code: 'access.role-without-members', role, row });
  });

  const byMember = new Map<string, { member: string; rows: number[] }>();
  rows.forEach((r, row) => {
    for (const member of r.members) {
      const key = memberKey(member);
      if (key === '') continue;
      let entry = byMember.get(key);
      if (!entry) byMember.set(key, (entry = { member: normalizeText(member), rows: [] }));
      if (!entry.rows.includes(row)) entry.rows.push(row);
    }
  });
  for (const { member, rows: held } of byMember.values()) {
    for (let i = 0; i < held.length; i++) {
      for (let j = i + 1; j < held.length; j++) {
        const a = rows[held[i]!]!;
        const b = rows[held[j]!]!;
        if (matchKey(a.role) === matchKey(b.role)) continue;
        if (a.scope.kind === b.scope.kind && a.scope.masked === b.scope.masked) continue;
        findings.push({
          code: 'access.member-conflicting-scopes',
          role: normalizeText(a.role),
          row: held[i]!,
          member,
          otherRole: normalizeText(b.role),
          otherRow: held[j]!,
        });
      }
    }
  }
  return findings;
}
