import type { ApprovalChange, ApprovalLevel, ApprovalRule, ApprovalRules } from '../../shared/api/approvals';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { CellValue } from '../../shared/table/grid';
import type { NewPendingChange } from '../store/approval-types';
import type { GovernanceKind, PulledRow, PullResult, SyncRow } from '../store/store-types';

/**
 * Which changes of a push wait for approval (docs/approval.md), as a pure function of the push,
 * the sheet as it stands and the workspace's rules. The push goes on without them: a held cell
 * is taken out of its row, a held new row out of the rows, a held removal out of the deletes
 * (or, in a full push, which removes by leaving out, put back as it stands). Everything else
 * is the push as sent.
 *
 * What a rule governs: on a KPI sheet, a change of a target (kpi-target) or a weight
 * (kpi-weight) of an existing KPI, a new KPI (kpi-added), a KPI removed (kpi-removed); on the
 * workspace's designated permission matrix or data classification, any change of any cell, new
 * row or removed row (permissions, classification).
 */

/** A change held: the pending change the push service records, less the proposer and the sheet it adds there. */
export type HeldChange = Pick<NewPendingChange, 'change' | 'key' | 'field' | 'proposed' | 'original' | 'level'>;

export interface HoldInput {
  readonly kind: SheetKind;
  /** The governance sheet this push goes to (its designated source), or null. */
  readonly governance: GovernanceKind | null;
  readonly rules: ApprovalRules;
  /** The pusher's roles in the workspace's permission matrix. */
  readonly roles: readonly string[];
  readonly mode: 'full' | 'delta';
  readonly rows: readonly SyncRow[];
  readonly deletes: readonly string[];
  /** The sheet now (null: it does not exist yet). */
  readonly current: PullResult | null;
  /** The push's If-Match (null: creating the sheet). */
  readonly baseRevision: number | null;
}

export interface HoldResult {
  readonly rows: SyncRow[];
  readonly deletes: string[];
  readonly held: HeldChange[];
}

/** Role names compare trimmed and case-folded: "Admin" in a rule is the matrix's "admin". */
function roleName(role: string): string {
  return role.trim().toLowerCase();
}

/** Whether a holder of `roles` applies a change of this level alone, without waiting. */
export function appliesAlone(level: ApprovalLevel, roles: readonly string[]): boolean {
  const held = new Set(roles.map(roleName));
  if (level.mode === 'any') return level.roles.some((r) => held.has(roleName(r)));
  // Jointly means several people: only a level of one role is one person's to apply.
  return level.roles.length === 1 && held.has(roleName(level.roles[0] ?? ''));
}

/** The roles of a level that `roles` holds, in the level's order. */
export function listedRolesHeld(level: ApprovalLevel, roles: readonly string[]): string[] {
  const held = new Set(roles.map(roleName));
  return level.roles.filter((r) => held.has(roleName(r)));
}

/** The rules this push answers to: by kind of change, only those the pusher may not apply alone. */
function binding(input: HoldInput): Map<ApprovalChange, ApprovalRule> {
  const relevant: readonly ApprovalChange[] =
    input.governance !== null ? [input.governance] : input.kind === 'kpi' ? ['kpi-target', 'kpi-weight', 'kpi-added', 'kpi-removed'] : [];
  const out = new Map<ApprovalChange, ApprovalRule>();
  for (const rule of input.rules.rules) {
    if (relevant.includes(rule.change) && !appliesAlone(rule, input.roles)) out.set(rule.change, rule);
  }
  return out;
}

/** True when the push may hold something: the caller then reads the sheet and calls holdChanges. */
export function mayHold(input: Pick<HoldInput, 'kind' | 'governance' | 'rules' | 'roles'>): boolean {
  return binding({ ...input, mode: 'delta', rows: [], deletes: [], current: null, baseRevision: null }).size > 0;
}

const same = (a: CellValue | undefined, b: CellValue | undefined): boolean => (a ?? null) === (b ?? null);

function levelOf(rule: ApprovalRule): ApprovalLevel {
  return { mode: rule.mode, roles: [...rule.roles] };
}

export function holdChanges(input: HoldInput): HoldResult {
  const rules = binding(input);
  if (rules.size === 0) return { rows: [...input.rows], deletes: [...input.deletes], held: [] };
  const governed = input.governance;
  const ruleFor = (change: ApprovalChange): ApprovalRule | undefined => rules.get(change);
  const cellRule = (field: string): ApprovalRule | undefined =>
    governed !== null ? ruleFor(governed) : field === 'target' ? ruleFor('kpi-target') : field === 'weight' ? ruleFor('kpi-weight') : undefined;
  const addRule = governed !== null ? ruleFor(governed) : ruleFor('kpi-added');
  const removeRule = governed !== null ? ruleFor(governed) : ruleFor('kpi-removed');

  const live = new Map<string, PulledRow>((input.current?.rows ?? []).filter((r) => !r.deleted).map((r) => [r.key, r]));
  const held: HeldChange[] = [];
  const rows: SyncRow[] = [];
  const pushed = new Set<string>();

  for (const row of input.rows) {
    pushed.add(row.key);
    const now = live.get(row.key);
    if (now === undefined) {
      if (addRule === undefined) rows.push(row);
      else held.push({ change: addRule.change, key: row.key, field: null, proposed: { ...row.cells }, original: {}, level: levelOf(addRule) });
      continue;
    }
    let cells: Record<string, CellValue> | null = null;
    for (const field of Object.keys(row.cells)) {
      const rule = cellRule(field);
      if (rule === undefined || same(row.cells[field], now.cells[field])) continue;
      held.push({ change: rule.change, key: row.key, field, proposed: { [field]: row.cells[field] ?? null }, original: { [field]: now.cells[field] ?? null }, level: levelOf(rule) });
      cells ??= { ...row.cells };
      // Not sent on: the merge leaves a field a row does not name as it is, in both modes.
      delete cells[field];
    }
    rows.push(cells === null ? row : { key: row.key, cells });
  }

  // The rows this push removes: its deletes; in a full push, the live rows it leaves out that
  // existed at its base (as the merge decides, store/merge.ts).
  const removed =
    input.mode === 'full'
      ? [...live.values()].filter((r) => !pushed.has(r.key) && input.baseRevision !== null && r.revision <= input.baseRevision).map((r) => r.key)
      : input.deletes.filter((k) => live.has(k) && !pushed.has(k));
  const heldRemovals = new Set<string>();
  if (removeRule !== undefined) {
    for (const key of removed) {
      const now = live.get(key);
      if (now === undefined) continue;
      heldRemovals.add(key);
      held.push({ change: removeRule.change, key, field: null, proposed: {}, original: { ...now.cells }, level: levelOf(removeRule) });
      // A full push removes by leaving out: the row goes back in as it stands, so it stays.
      if (input.mode === 'full') rows.push({ key, cells: now.cells });
    }
  }
  const deletes = input.deletes.filter((k) => !heldRemovals.has(k));
  return { rows, deletes, held };
}
