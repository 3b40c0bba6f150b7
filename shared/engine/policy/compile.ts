import { matchKey, normalizeText } from '../../text/normalize';
import { parseSubjects, type DataSubject } from '../subjects';
import { isAdminRole } from './matrix-cells';
import { OPERATIONS, type MatrixRow, type Policy, type PolicyGrant, type ScopeKind } from './types';

/** An Entra object id (a GUID), as written in a Members cell for a user or a group. */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isObjectId(member: string): boolean {
  return OBJECT_ID.test(member.trim());
}

function subjectKey(subject: string): string {
  return matchKey(subject).replace(/(?:数据|data)$/, '');
}

/** The subjects a grant covers: undefined for all data, [] for a subject outside the vocabulary. */
export function subjectsOf(subject: string | undefined): readonly DataSubject[] | undefined {
  if (subject === undefined || subjectKey(subject) === '') return undefined;
  return parseSubjects(subject) ?? [];
}

/**
 * The matrix rows as a policy: plain data, what the service stores and decides by. Members are
 * sorted into e-mail addresses (lower-cased), Entra object ids (lower-cased) and group names
 * (as written, lower-cased: matched exactly, case aside, never after other folding).
 */
export function compilePolicy(rows: readonly MatrixRow[]): Policy {
  const grants: PolicyGrant[] = rows.map((row) => {
    const emails: string[] = [];
    const groups: string[] = [];
    const groupNames: string[] = [];
    const ids: string[] = [];
    for (const member of row.members) {
      const m = normalizeText(member).trim();
      if (m.includes('@')) {
        const e = m.toLowerCase();
        if (!emails.includes(e)) emails.push(e);
      } else if (isObjectId(m)) {
        const id = m.toLowerCase();
        if (!ids.includes(id)) ids.push(id);
      } else {
        const g = matchKey(m);
        if (g !== '' && !groups.includes(g)) groups.push(g);
        const name = m.toLowerCase();
        if (name !== '' && !groupNames.includes(name)) groupNames.push(name);
      }
    }
    const scope: { kind: ScopeKind; masked: boolean; subject?: string; subjectKey?: string; subjects?: readonly DataSubject[] } = {
      kind: row.scope.kind,
      masked: row.scope.masked,
    };
    const subjects = subjectsOf(row.scope.subject);
    if (subjects !== undefined && row.scope.subject !== undefined) {
      scope.subject = normalizeText(row.scope.subject);
      scope.subjectKey = subjectKey(row.scope.subject);
      scope.subjects = subjects;
    }
    return {
      role: normalizeText(row.role),
      admin: isAdminRole(row.role),
      scope,
      operations: OPERATIONS.filter((op) => row.operations.includes(op)),
      emails,
      groups,
      groupNames,
      ids,
    };
  });
  return { version: 1, grants };
}
