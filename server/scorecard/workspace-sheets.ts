import type { SheetKind } from '../../shared/kinds/sheet-kind';
import type { SheetName, SheetSummary, Store, WorkspaceSheet } from '../store/store-types';

const SEP = '\u001f';

/**
 * The sheets a workspace's scorecard reads, loaded again only where they changed. A push to one
 * sheet makes every cached scorecard of the workspace stale, and with writers at work every
 * scorecard request is a miss; reading and decoding the whole workspace for each (a 2,000-row
 * metric sheet for a 25-row sheet's push) was most of the request thread's time beside the
 * writers, and on SQLite it is synchronous. So the last sheets read are kept per workspace, and
 * the next load reads just the sheets whose revision moved (one query), keeping the others:
 * a sheet's rows at a revision never change, since any change to its rows makes a revision.
 *
 * Anything else (a sheet added, removed, renamed or of another kind; nothing kept) reads the
 * whole workspace as before. Memory: at most `maxRows` decoded rows kept across workspaces,
 * least recently loaded dropped first; a workspace larger than that is not kept.
 */
export class WorkspaceSheetsLoader {
  readonly #kept = new Map<string, { readonly sheets: readonly WorkspaceSheet[]; readonly rows: number }>();
  #rows = 0;

  constructor(
    private readonly store: Pick<Store, 'pullWorkspace'>,
    private readonly maxRows: number,
  ) {}

  /** `listed`: the workspace's sheets at the revisions the caller is about to key its answer by. */
  async load(tenantId: string, workspace: string, kinds: readonly SheetKind[], listed: readonly SheetSummary[]): Promise<readonly WorkspaceSheet[]> {
    const key = [tenantId, workspace].join(SEP);
    const kept = this.#kept.get(key);
    const changed = kept === undefined ? null : changedSheets(kept.sheets, listed.filter((s) => kinds.includes(s.kind)));
    let sheets: readonly WorkspaceSheet[] | null = null;
    if (kept !== undefined && changed !== null) {
      const fresh = changed.length === 0 ? [] : await this.store.pullWorkspace(tenantId, workspace, kinds, changed);
      // A changed sheet no longer there (removed, or its kind changed, since the list): read all.
      if (fresh.length === changed.length) {
        const byName = new Map(fresh.map((s) => [nameOf(s), s]));
        sheets = kept.sheets.map((s) => byName.get(nameOf(s)) ?? s);
      }
    }
    sheets ??= await this.store.pullWorkspace(tenantId, workspace, kinds);
    this.#keep(key, sheets);
    return sheets;
  }

  #keep(key: string, sheets: readonly WorkspaceSheet[]): void {
    const before = this.#kept.get(key);
    if (before !== undefined) {
      this.#kept.delete(key);
      this.#rows -= before.rows;
    }
    const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
    if (rows > this.maxRows) return;
    this.#kept.set(key, { sheets, rows });
    this.#rows += rows;
    for (const [oldest, entry] of this.#kept) {
      if (this.#rows <= this.maxRows) break;
      this.#kept.delete(oldest);
      this.#rows -= entry.rows;
    }
  }
}

function nameOf(s: SheetName): string {
  return [s.workbook, s.sheet].join(SEP);
}

/**
 * The sheets listed at another revision than kept; null when the listed sheets are not the kept
 * ones (added, removed, renamed, another kind), which only a whole read answers.
 */
function changedSheets(kept: readonly WorkspaceSheet[], listed: readonly SheetSummary[]): SheetName[] | null {
  if (kept.length !== listed.length) return null;
  const byName = new Map(kept.map((s) => [nameOf(s), s]));
  const changed: SheetName[] = [];
  for (const s of listed) {
    const k = byName.get(nameOf(s));
    if (k === undefined || k.kind !== s.kind) return null;
    if (k.revision !== s.revision) changed.push({ workbook: s.workbook, sheet: s.sheet });
  }
  return changed;
}
