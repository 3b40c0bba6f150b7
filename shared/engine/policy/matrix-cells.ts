import { matchKey, normalizeText } from '../../text/normalize';
import { toSimplified } from '../../text/simplified';
import type { Operation, Scope, ScopeKind } from './types';

/**
 * The cells of a permission-matrix row, parsed: operations, the data scope (with its masking
 * mark and subject), members, and whether a role is named as an administrator.
 */

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

/** How members are told apart in a cell (duplicates) and in least-privilege findings: e-mail addresses ignoring case, group names by matchKey. */
export function memberKey(member: string): string {
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

