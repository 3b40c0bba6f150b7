import { matchKey, normalizeText } from '../../text/normalize';
import { isAdminRole, memberKey } from './matrix-cells';
import type { MatrixRow, Operation } from './types';

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

