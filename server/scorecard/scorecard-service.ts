import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Logger } from 'pino';
import type { Locale } from '../../shared/i18n/locale';
import type { SheetGrid } from '../../shared/table/grid';
import { SHEET_KINDS, type SheetKind } from '../../shared/kinds/sheet-kind';
import type { Access } from '../access/enforce';
import { callerView } from '../access/masking/caller-view';
import { localDate } from '../clock/local-date';
import type { Clock } from '../deps';
import type { SheetRef, SheetSummary, Store, WorkspaceRevisions, WorkspaceSheet } from '../store/store-types';
import { reconcileGrids } from '../schedule/reconcile-grids';
import { isScorecardKind } from '../schedule/stored-grids';
import { ByteLru, type ByteLruStats } from './byte-lru';
import { inThreadScorecardComputer, SCORECARD_SOURCE_KINDS, visibleGrids, type ScorecardComputer } from './compute-scorecard';
import { narrowingKey, type ReportNarrowing } from './narrow-report';
import { departmentsOf, viewKey } from './view-key';
import { WorkspaceSheetsLoader } from './workspace-sheets';

/**
 * A scorecard is computed once per change, not per request (docs/scorecard-cache.md).
 *
 * Every answer is keyed by
 *   - the workspace's revision set: every sheet's revision, the governance designations, the
 *     policy revision and the count of KPI changes waiting for approval, read in ONE query
 *     (store.workspaceRevisions). Any push, row delete,
 *     policy or classification change raises one of them, so nothing is ever invalidated by
 *     hand: a changed workspace simply asks for another key, and old entries age out;
 *   - the caller's view (view-key.ts): the visibility and masking decisions the caller's view
 *     makes for every department the data holds, the scope kind and the language. A view never
 *     gets another view's answer;
 *   - the format (JSON, workbook), the period asked for, a subscription's narrowing (fewer
 *     departments or perspectives), and the local date (the analysis's "today").
 * The ETag is a hash of that key: of revision numbers and decisions, never of data values.
 * A matching If-None-Match is answered 304 from the revision query alone.
 *
 * Concurrent requests for the same key share one computation, and concurrent misses of one
 * revision set share one load of the workspace (one query). Memory is bounded by bytes (LRU).
 * A timer re-computes, after a change, the views asked for recently ("warming"), so the first
 * manager after a push rarely pays for it.
 */

export type ScorecardFormat = 'json' | 'xlsx';

/**
 * How the caller would take a JSON answer (from Accept-Encoding). A kept answer keeps its
 * compressed forms too, made once off the main thread, instead of being compressed again for
 * every request; workbooks are zips already and always go as they are.
 */
export type ContentCoding = 'br' | 'gzip' | 'identity';

export interface ScorecardAsk {
  readonly access: Access;
  readonly tenantId: string;
  readonly locale: Locale;
  /** The canonical period, or undefined for every period. */
  readonly period: string | undefined;
  readonly format: ScorecardFormat;
  /** The If-None-Match header as sent. */
  readonly ifNoneMatch?: string | undefined;
  /** JSON only: the coding the caller accepts best (default identity). */
  readonly encoding?: ContentCoding | undefined;
  /** A subscription's departments and perspectives: only narrows the caller's view, part of the key. */
  readonly narrow?: ReportNarrowing | undefined;
  /** false: not re-computed by the warming timer (a subscription's weekly send is no view to keep warm). */
  readonly warm?: boolean | undefined;
}

/** A sheet an answer was computed from, at the revision it was read at (a subscription's send record). */
export interface SheetRevision {
  readonly workbook: string;
  readonly sheet: string;
  readonly revision: number;
}

/** What is kept of an answer: its bytes, and what a subscription records beside them. */
interface Kept {
  readonly body: Buffer;
  /** KPI definitions the caller's grids held: 0, nothing to score them against. */
  readonly kpis: number;
  /** The KPI, metric and (for a global workbook) plan sheets read. */
  readonly sources: readonly SheetRevision[];
}

export type ScorecardAnswer =
  | { readonly status: 304; readonly etag: string }
  /**
   * body: JSON text (UTF-8) or the workbook, in `encoding` (identity when the answer is small,
   * a workbook, or not asked compressed); today: the local date it was computed for.
   */
  | ({ readonly status: 200; readonly etag: string; readonly encoding: ContentCoding; readonly today: string } & Kept);

export interface ScorecardCacheStats extends ByteLruStats {
  readonly hits: number;
  readonly misses: number;
  readonly notModified: number;
  /** Answers computed by the warming timer. */
  readonly warmed: number;
}

export interface ScorecardService {
  answer(ask: ScorecardAsk): Promise<ScorecardAnswer>;
  stats(): ScorecardCacheStats;
  /**
   * Re-computes the views asked within `withinMs` (default: the last hour, what the timer does)
   * whose answers are missing; how many it computed. The scheduled publication warms every view
   * asked in the last week (WARM_AFTER_SCHEDULE_MS), so Monday's first managers find theirs.
   */
  warm(withinMs?: number): Promise<number>;
  /** Stops the warming timer. */
  close(): void;
}

export interface ScorecardServiceDeps {
  readonly store: Pick<Store, 'workspaceRevisions' | 'pullWorkspace' | 'pull' | 'getGovernanceSources'>;
  readonly clock: Clock;
  readonly pseudonymKey: Uint8Array;
  readonly logger: Logger;
  /** 0: nothing is kept (every request computes; ETags and 304 still work). */
  readonly maxBytes: number;
  /** 0: no warming timer. */
  readonly warmSeconds: number;
  /**
   * Where the pure computation runs (grids in, bytes out); default this thread. A worker pool
   * plugs in here: the caller's view is applied on this thread, before.
   */
  readonly computer?: ScorecardComputer;
}

interface Loaded {
  readonly sheets: readonly WorkspaceSheet[];
  /** Every sheet of the workspace (the revision set's list): reconciliation rules name any of them. */
  readonly listed: readonly SheetSummary[];
  readonly departments: readonly string[];
  /** The sheets read are at exactly the revisions of the revision set they are filed under. */
  readonly consistent: boolean;
}

/** Recently asked views per workspace, kept for warming. */
const RECENT_PER_WORKSPACE = 8;
const RECENT_WORKSPACES = 64;
const RECENT_FOR_MS = 60 * 60_000;
/** How long an asked view is remembered (for the scheduled run's warming); the timer warms only the last hour's. */
const REMEMBER_FOR_MS = 8 * 24 * 60 * 60_000;
/** The views a scheduled run warms: those asked in the last week (a weekly meeting's). */
export const WARM_AFTER_SCHEDULE_MS = 7 * 24 * 60 * 60_000;
/** Decoded rows kept across workspaces so that a load after a push reads only the sheets it changed (workspace-sheets.ts). */
const KEPT_SHEET_ROWS = 250_000;
/** Department sets of recent revision sets (a few strings each). */
const DEPARTMENT_SETS = 256;

const SEP = '\u001f';

/** Below this a JSON answer goes uncompressed (as server/http/compress.ts decides for others). */
const COMPRESS_FROM_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The same levels as server/http/compress.ts: brotli quality 4, gzip 6. */
function encode(body: Buffer, coding: Exclude<ContentCoding, 'identity'>): Promise<Buffer> {
  return coding === 'br'
    ? brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipped(body, { level: 6 });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The revision set as one short stamp. */
function stampOf(revisions: WorkspaceRevisions): string {
  return sha256(JSON.stringify(revisions));
}

/**
 * The kinds a workspace's scorecard reads: KPI definitions, metric values, the plan — and, when
 * the workspace holds reconciliation rules, every sheet, since a rule may name a sheet of any
 * kind and its findings are issues of the scorecard. Derived from the revision set, so the view
 * key asks about every kind whose rows reach the answer.
 */
function sourceKinds(revisions: WorkspaceRevisions): readonly SheetKind[] {
  return revisions.sheets.some((s) => s.kind === 'reconcile') ? SHEET_KINDS : SCORECARD_SOURCE_KINDS;
}

/** Whether the sheets read are those the revision set names, at its revisions. */
function matches(revisions: WorkspaceRevisions, sheets: readonly WorkspaceSheet[]): boolean {
  const kinds: readonly string[] = sourceKinds(revisions);
  const expected = revisions.sheets.filter((s) => kinds.includes(s.kind));
  if (expected.length !== sheets.length) return false;
  // By name, not by position: the database's collation orders names, and may differ from code's.
  const read = new Map(sheets.map((s) => [`${s.workbook}${SEP}${s.sheet}`, s.revision]));
  return expected.every((s) => read.get(`${s.workbook}${SEP}${s.sheet}`) === s.revision);
}

/**
 * The workspace's reconciliation rules and the sheets they name, as this view may see them,
 * taken from the sheets already read in the one workspace query (none when it has no rules).
 */
async function reconciliationGrids(view: Parameters<typeof visibleGrids>[0], tenantId: string, loaded: Loaded, withPlan: boolean): Promise<SheetGrid[]> {
  if (!loaded.listed.some((s) => s.kind === 'reconcile')) return [];
  const byName = new Map(loaded.sheets.map((s) => [`${s.workbook}${SEP}${s.sheet}`, s]));
  const fromLoaded = {
    pull: async (ref: SheetRef) => {
      const s = byName.get(`${ref.workbook}${SEP}${ref.sheet}`);
      return s === undefined ? null : { kind: s.kind, revision: s.revision, rows: s.rows };
    },
  };
  const counts = new Map<string, number>();
  for (const s of loaded.listed) counts.set(s.sheet, (counts.get(s.sheet) ?? 0) + 1);
  return reconcileGrids(
    fromLoaded,
    view,
    tenantId,
    view.access.workspace,
    loaded.listed,
    (s) => isScorecardKind(s.kind) || (withPlan && s.kind === 'gantt'),
    (s) => ((counts.get(s.sheet) ?? 0) > 1 ? `${s.workbook} › ${s.sheet}` : s.sheet),
  );
}

/** Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x"; * matches any current answer. */
function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === want);
}

export function createScorecardService(deps: ScorecardServiceDeps): ScorecardService {
  const answers = new ByteLru<Kept>(deps.maxBytes, (k) => k.body.length);
  const departmentSets = new ByteLru<readonly string[]>(DEPARTMENT_SETS, () => 1);
  const loading = new Map<string, Promise<Loaded>>();
  const computing = new Map<string, Promise<Kept>>();
  const encoding = new Map<string, Promise<Buffer>>();
  const recent = new Map<string, Map<string, { ask: ScorecardAsk; at: number }>>();
  const counts = { hits: 0, misses: 0, notModified: 0, warmed: 0 };
  const computer = deps.computer ?? inThreadScorecardComputer;
  const sheetsLoader = new WorkspaceSheetsLoader(deps.store, KEPT_SHEET_ROWS);
  let timer: NodeJS.Timeout | null = null;

  const load = (tenantId: string, workspace: string, stamp: string, revisions: WorkspaceRevisions): Promise<Loaded> => {
    const key = [tenantId, workspace, stamp].join(SEP);
    let pending = loading.get(key);
    if (pending === undefined) {
      pending = (async () => {
        const sheets = await sheetsLoader.load(tenantId, workspace, sourceKinds(revisions), revisions.sheets);
        const loaded: Loaded = { sheets, listed: revisions.sheets, departments: departmentsOf(sheets), consistent: matches(revisions, sheets) };
        // Pushed between the two queries: the departments belong to a newer set; not filed under this one.
        if (loaded.consistent) departmentSets.set(key, loaded.departments);
        return loaded;
      })().finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  };

  const compute = async (ask: ScorecardAsk, loaded: Loaded, today: string, pendingApprovals: number): Promise<Kept> => {
    const view = callerView(deps, ask.access, ask.tenantId, ask.locale);
    // A plan belongs to no department: only roles with a global scope get it, in the workbook.
    const withPlan = ask.format === 'xlsx' && ask.access.scope.kind === 'global';
    const grids = (await visibleGrids(view, loaded.sheets, withPlan)).concat(await reconciliationGrids(view, ask.tenantId, loaded, withPlan));
    const sources = loaded.sheets.filter((s) => isScorecardKind(s.kind) || (withPlan && s.kind === 'gantt')).map(({ workbook, sheet, revision }) => ({ workbook, sheet, revision }));
    const common = { today, period: ask.period, pendingApprovals, narrow: ask.narrow };
    const made =
      ask.format === 'json'
        ? await computer.json(grids, common)
        : await computer.xlsx(grids, { ...common, locale: ask.locale, title: ask.access.workspace, generatedAt: deps.clock.now().toISOString(), withPlan });
    return { ...made, sources };
  };

  /** The answer in the coding asked for, kept beside it when the answer itself is kept. */
  const encoded = async (key: string, plain: Kept, ask: ScorecardAsk): Promise<Kept & { encoding: ContentCoding }> => {
    const coding = ask.encoding ?? 'identity';
    if (ask.format !== 'json' || coding === 'identity' || plain.body.length < COMPRESS_FROM_BYTES) return { ...plain, encoding: 'identity' };
    const codedKey = [key, coding].join(SEP);
    const kept = answers.get(codedKey);
    if (kept !== undefined) return { ...kept, encoding: coding };
    let pending = encoding.get(codedKey);
    if (pending === undefined) {
      pending = encode(plain.body, coding)
        .then((coded) => {
          if (answers.get(key) === plain) answers.set(codedKey, { ...plain, body: coded });
          return coded;
        })
        .finally(() => encoding.delete(codedKey));
      encoding.set(codedKey, pending);
    }
    return { ...plain, body: await pending, encoding: coding };
  };

  const remember = (ask: ScorecardAsk, signature: string): void => {
    if (deps.warmSeconds <= 0 || deps.maxBytes <= 0 || ask.warm === false) return;
    const workspaceKey = [ask.tenantId, ask.access.workspace].join(SEP);
    let views = recent.get(workspaceKey);
    if (views === undefined) {
      if (recent.size >= RECENT_WORKSPACES) recent.delete(recent.keys().next().value!);
      recent.set(workspaceKey, (views = new Map()));
    }
    views.delete(signature);
    views.set(signature, { ask: { ...ask, ifNoneMatch: undefined }, at: deps.clock.now().getTime() });
    if (views.size > RECENT_PER_WORKSPACE) views.delete(views.keys().next().value!);
    if (timer === null) {
      timer = setInterval(() => {
        warm().catch((e: unknown) => deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'scorecard cache: warming failed'));
      }, deps.warmSeconds * 1000);
      // Warming is a courtesy: it never keeps the process alive.
      timer.unref();
    }
  };

  const answer = async (ask: ScorecardAsk, warming = false): Promise<ScorecardAnswer & { computed?: boolean }> => {
    const workspace = ask.access.workspace;
    // The one statement of a kept answer (besides the caller's authorisation). It holds the count of
    // KPI changes waiting for approval, which every answer shows (docs/approval.md): a new or
    // decided one is a new stamp, so a new key and a new ETag.
    const revisions = await deps.store.workspaceRevisions(ask.tenantId, workspace);
    const stamp = stampOf(revisions);
    const setKey = [ask.tenantId, workspace, stamp].join(SEP);
    let loaded: Loaded | null = null;
    let departments = departmentSets.get(setKey);
    if (departments === undefined) {
      loaded = await load(ask.tenantId, workspace, stamp, revisions);
      departments = loaded.departments;
    }
    const today = localDate(deps.clock.now());
    const read = sourceKinds(revisions);
    const kinds = ask.format === 'xlsx' && ask.access.scope.kind === 'global' ? read : read.filter((k) => k !== 'gantt');
    const view = viewKey(ask.access, kinds, departments, ask.locale);
    const signature = [ask.format, ask.period ?? '', narrowingKey(ask.narrow), view].join(SEP);
    const key = [ask.tenantId, workspace, stamp, today, signature].join(SEP);
    const etag = `W/"${sha256(key).slice(0, 32)}"`;
    if (!warming) remember(ask, signature);

    if (!warming && ifNoneMatchHits(ask.ifNoneMatch, etag)) {
      counts.notModified++;
      return { status: 304, etag };
    }
    const kept = answers.get(key);
    if (kept !== undefined) {
      if (!warming) counts.hits++;
      return { status: 200, etag, today, ...(await encoded(key, kept, ask)) };
    }
    if (!warming) counts.misses++;
    let pending = computing.get(key);
    if (pending === undefined) {
      pending = (async () => {
        const data = loaded ?? (await load(ask.tenantId, workspace, stamp, revisions));
        const made = await compute(ask, data, today, revisions.pendingApprovals);
        // Only an answer computed from exactly this revision set is filed under it.
        if (data.consistent && deps.maxBytes > 0) answers.set(key, made);
        return made;
      })().finally(() => computing.delete(key));
      computing.set(key, pending);
    }
    const made = await pending;
    return { status: 200, etag, today, computed: true, ...(await encoded(key, made, ask)) };
  };

  const warm = async (withinMs: number = RECENT_FOR_MS): Promise<number> => {
    const now = deps.clock.now().getTime();
    const forgotten = now - REMEMBER_FOR_MS;
    const cutoff = now - withinMs;
    let computed = 0;
    for (const [workspaceKey, views] of [...recent]) {
      for (const [signature, seen] of [...views]) {
        if (seen.at < forgotten) {
          views.delete(signature);
          continue;
        }
        if (seen.at < cutoff) continue;
        try {
          const result = await answer(seen.ask, true);
          if ('computed' in result && result.computed === true) computed++;
        } catch (e) {
          // One view failing (its workspace gone, the database away) must not stop the others.
          views.delete(signature);
          deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'scorecard cache: warming a view failed');
        }
      }
      if (views.size === 0) recent.delete(workspaceKey);
    }
    counts.warmed += computed;
    return computed;
  };

  return {
    answer: (ask) => answer(ask),
    stats: () => ({ ...counts, ...answers.stats() }),
    warm: (withinMs) => warm(withinMs),
    close() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
