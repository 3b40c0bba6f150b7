import type { Operation, Scope } from '../../engine/policy';

/** One role row, parsed. A scope that did not parse is null (and has an issue). */
export interface MatrixRecord {
  readonly sheet: string;
  readonly row: number;
  readonly role: string;
  readonly scope: Scope | null;
  /** The operations recognised; unknown words have issues. */
  readonly operations: readonly Operation[];
  /** As the policy takes them (parseMembers). */
  readonly members: readonly string[];
  /** Keys that Gantt and KPI owners are matched by (see members.ts). */
  readonly memberKeys: readonly string[];
  readonly cells: { readonly role: string; readonly scope: string; readonly operations: string; readonly members: string };
}

/** A permission-matrix sheet. */
export interface PermissionMatrix {
  readonly sheet: string;
  readonly hasMembersColumn: boolean;
  readonly rows: readonly MatrixRecord[];
}
