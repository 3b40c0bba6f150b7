import type { Locale } from '../../../shared/i18n/locale';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';
import type { Conflict, PulledRow, Store, SyncedUser } from '../../store/store-types';
import type { Access } from '../enforce';
import { loadMaskingRules } from './load-rules';
import { valueMasker, type MaskValue } from './mask-value';
import { departmentOfCells, departmentOfKey, rowAccessor } from './row-access';
import { ruleOf, type MaskingRules } from './rules';
import { sheetMasking, type SheetMasking } from './sheet-masking';

/**
 * The one place where data becomes what a caller may receive: every route that answers with
 * stored data (JSON, CSV, workbooks, and the issues computed from it) passes it through a
 * CallerView first. Rows of other departments are left out for an own-department grant; core
 * fields are masked for a masked grant, by the workspace's data classification.
 *
 * The classification is read lazily, once per request, and only when something is masked.
 */
export interface CallerViewDeps {
  readonly store: Pick<Store, 'listSheets' | 'pull'>;
  readonly pseudonymKey: Uint8Array;
}

export type UserRecord = Record<string, CellValue>;

export interface CallerView {
  readonly access: Access;
  readonly maskValue: MaskValue;
  rules(): Promise<MaskingRules>;
  masking(kind: SheetKind): Promise<SheetMasking>;
  /**
   * Stored rows as this caller may see them. Deleted rows (tombstones) are decided by their key.
   * `reference`: rows of no department are reference data the caller's own rows need (KPI
   * definitions for their department's scorecard): shown to own-department roles too, masked
   * as the workspace-wide decision says.
   */
  rows(kind: SheetKind, rows: readonly PulledRow[], options?: { readonly reference?: boolean }): Promise<PulledRow[]>;
  /**
   * True when `rows` answers every row as stored: a global grant with at least one unmasked
   * role (`decide` unmasks a row when any granting role does, and a global role grants every
   * department). Lets a caller skip building rows only to pass them through.
   */
  seesEveryRowInClear(): boolean;
  /** Conflicts of a push: theirs and the original may hold values this caller may only see masked. */
  conflicts(kind: SheetKind, conflicts: readonly Conflict[]): Promise<Conflict[]>;
  /** Synced users as this caller may see them: `user_id`, the fields, `data_source`, `synced_at`. */
  users(users: readonly SyncedUser[]): Promise<UserRecord[]>;
}

export function callerView(deps: CallerViewDeps, access: Access, tenantId: string, locale: Locale): CallerView {
  const maskValue = valueMasker(deps.pseudonymKey, locale);
  let rules: Promise<MaskingRules> | null = null;
  const loadRules = (): Promise<MaskingRules> => (rules ??= loadMaskingRules(deps.store, tenantId, access.workspace));
  const maskings = new Map<SheetKind, Promise<SheetMasking>>();
  const masking = (kind: SheetKind): Promise<SheetMasking> => {
    let m = maskings.get(kind);
    if (!m) maskings.set(kind, (m = loadRules().then((r) => sheetMasking(kind, r, maskValue))));
    return m;
  };

  return {
    access,
    maskValue,
    rules: loadRules,
    masking,
    seesEveryRowInClear: () => access.scope.kind === 'global' && !access.masked,
    async rows(kind, rows, options = {}) {
      const decideRow = rowAccessor(access, kind);
      const reference = { visible: true, masked: access.masked };
      const decide = options.reference ? (d: string | null) => (d === null ? reference : decideRow(d)) : decideRow;
      const out: PulledRow[] = [];
      let mask: SheetMasking | null = null;
      for (const row of rows) {
        const seen = decide(row.deleted ? departmentOfKey(kind, row.key) : departmentOfCells(row.cells));
        if (!seen.visible) continue;
        if (!seen.masked) {
          out.push(row);
          continue;
        }
        mask ??= await masking(kind);
        out.push(mask.active ? { ...row, key: mask.key(row.key), cells: mask.cells(row.cells) } : row);
      }
      return out;
    },
    async conflicts(kind, conflicts) {
      const decide = rowAccessor(access, kind);
      const out: Conflict[] = [];
      for (const c of conflicts) {
        if (!decide(departmentOfKey(kind, c.key)).masked) {
          out.push(c);
          continue;
        }
        const mask = await masking(kind);
        const rule = mask.fields.get(c.field);
        if (rule === undefined) out.push({ ...c, key: mask.key(c.key) });
        else out.push({ key: mask.key(c.key), field: c.field, yours: maskValue(rule, c.yours), theirs: maskValue(rule, c.theirs), original: maskValue(rule, c.original) });
      }
      return out;
    },
    async users(users) {
      const records = users.map((u): UserRecord => ({ user_id: u.userId, ...u.fields, data_source: u.dataSource, synced_at: u.syncedAt }));
      // Users belong to no department: the workspace-wide decision applies.
      if (!access.masked) return records;
      const r = await loadRules();
      return records.map((record) => {
        // No prototype: a field named like one (validated away at sync, but stored data is old) stays data.
        const out = Object.create(null) as UserRecord;
        for (const [field, value] of Object.entries(record)) {
          const rule = ruleOf(r, field);
          out[field] = rule === null ? (value ?? null) : maskValue(rule, value ?? null);
        }
        return out;
      });
    },
  };
}
