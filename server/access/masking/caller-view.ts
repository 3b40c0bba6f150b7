import type { Locale } from '../../../shared/i18n/locale';
import { KIND_DEFINITIONS } from '../../../shared/kinds/definitions';
import type { SheetKind } from '../../../shared/kinds/sheet-kind';
import type { CellValue } from '../../../shared/table/grid';
import type { CellChange, Conflict, PulledRow, Store, SyncedUser } from '../../store/store-types';
import type { Access } from '../enforce';
import { pseudonymizer } from '../pseudonym';
import { loadMaskingRules } from './load-rules';
import { valueMasker, type MaskValue } from './mask-value';
import { departmentOfCells, departmentOfKey, rowAccessor, type RowAccess } from './row-access';
import type { MaskingRules } from './rules';
import { sheetMasking, type MaskedData, type SheetMasking } from './sheet-masking';

/**
 * The one door every stored value passes on its way out of the service: pulls, deltas, history,
 * conflicts (first answers and replays), scorecards (JSON and workbooks), user listings (JSON and
 * CSV), the issues computed from any of these, and the scheduled workbooks built for an
 * audience. Rows of other departments (for an own-department grant) or of other subjects are
 * left out; for a masked grant every field of every value is masked by one rule
 * (sheet-masking.ts), failing closed. Nothing that leaves a route may skip it.
 *
 * The classification is read lazily, once per request, and only when something is masked.
 */
export interface CallerViewDeps {
  readonly store: Pick<Store, 'pull' | 'getGovernanceSources'>;
  readonly pseudonymKey: Uint8Array;
}

export type UserRecord = Record<string, CellValue>;

/** One change of one cell as a caller may see it. */
export type VisibleChange = CellChange;

export interface CallerView {
  readonly access: Access;
  readonly maskValue: MaskValue;
  /** Pseudonym of an identifier (keyed HMAC): the same one every masked answer gives it. */
  readonly pseudonym: (value: string) => string;
  rules(): Promise<MaskingRules>;
  masking(data: MaskedData): Promise<SheetMasking>;
  /** What this caller may see of one row of a kind, by the row's department (null: none). */
  rowAccess(kind: SheetKind): (department: string | null) => RowAccess;
  /**
   * Stored rows as this caller may see them. Deleted rows (tombstones) are decided by their key.
   * `reference`: rows of no department are reference data the caller's own rows need (KPI
   * definitions for their department's scorecard): shown to own-department roles too, masked
   * as the workspace-wide decision says.
   */
  rows(kind: SheetKind, rows: readonly PulledRow[], options?: { readonly reference?: boolean }): Promise<PulledRow[]>;
  /**
   * True when `rows` answers every row as stored: a global grant with at least one unmasked
   * role covering the kind. Lets a caller skip building rows only to pass them through.
   */
  seesEveryRowInClear(kind?: SheetKind): boolean;
  /** Conflicts of a push: every value may hold what this caller may only see masked. */
  conflicts(kind: SheetKind, conflicts: readonly Conflict[]): Promise<Conflict[]>;
  /** The history of one cell: values masked like the field, editors as pseudonyms for a masked row. */
  history(kind: SheetKind, key: string, field: string, changes: readonly CellChange[]): Promise<{ key: string; changes: VisibleChange[] } | null>;
  /** Synced users as this caller may see them: `user_id`, the fields, `data_source`, `synced_at`. */
  users(users: readonly SyncedUser[]): Promise<UserRecord[]>;
}

export function callerView(deps: CallerViewDeps, access: Access, tenantId: string, locale: Locale): CallerView {
  const pseudonym = pseudonymizer(deps.pseudonymKey);
  const maskValue = valueMasker(deps.pseudonymKey, locale);
  let rules: Promise<MaskingRules> | null = null;
  const loadRules = (): Promise<MaskingRules> => (rules ??= loadMaskingRules(deps.store, tenantId, access.workspace));
  const maskings = new Map<MaskedData, Promise<SheetMasking>>();
  const masking = (data: MaskedData): Promise<SheetMasking> => {
    let m = maskings.get(data);
    if (!m) maskings.set(data, (m = loadRules().then((r) => sheetMasking(data, r, maskValue, pseudonym))));
    return m;
  };
  const rowAccess = (kind: SheetKind) => rowAccessor(access, kind);

  return {
    access,
    maskValue,
    pseudonym,
    rules: loadRules,
    masking,
    rowAccess,
    seesEveryRowInClear: (kind) => {
      if (access.scope.kind !== 'global' || access.masked) return false;
      if (kind === undefined) return true;
      const d = rowAccess(kind)(null);
      return d.visible && !d.masked;
    },
    async rows(kind, rows, options = {}) {
      const decideRow = rowAccess(kind);
      const reference = { visible: access.reaches(KIND_DEFINITIONS[kind].subject), masked: access.masked };
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
        out.push({ ...row, key: mask.key(row.key), cells: mask.cells(row.cells) });
      }
      return out;
    },
    async conflicts(kind, conflicts) {
      const decide = rowAccess(kind);
      const out: Conflict[] = [];
      for (const c of conflicts) {
        if (!decide(departmentOfKey(kind, c.key)).masked) {
          out.push(c);
          continue;
        }
        const mask = await masking(kind);
        out.push({ key: mask.key(c.key), field: c.field, yours: mask.cell(c.field, c.yours), theirs: mask.cell(c.field, c.theirs), original: mask.cell(c.field, c.original) });
      }
      return out;
    },
    async history(kind, key, field, changes) {
      const seen = rowAccess(kind)(departmentOfKey(kind, key));
      if (!seen.visible) return null;
      if (!seen.masked) return { key, changes: [...changes] };
      const mask = await masking(kind);
      return {
        key: mask.key(key),
        changes: changes.map((c) => ({
          revision: c.revision,
          // Who changed a cell is personal data too: a stable pseudonym, so editors can still be told apart.
          userId: pseudonym(c.userId),
          email: c.email === '' ? '' : pseudonym(c.email.toLowerCase()),
          at: c.at,
          oldValue: mask.cell(field, c.oldValue),
          newValue: mask.cell(field, c.newValue),
        })),
      };
    },
    async users(users) {
      const records = users.map((u): UserRecord => ({ user_id: u.userId, ...u.fields, data_source: u.dataSource, synced_at: u.syncedAt }));
      // Users belong to no department: the workspace-wide decision applies.
      if (!access.masked) return records;
      const mask = await masking('users');
      return records.map((record) => mask.cells(record));
    },
  };
}
