import type { PushResponse } from '../../shared/api/sync';
import type { SheetKind } from '../../shared/kinds/sheet-kind';
import { KIND_DEFINITIONS } from '../../shared/kinds/definitions';
import { sheetIssues } from '../../shared/workbook/sheet-issues';
import { rowsJsonOf } from '../analysis/rows-json';
import type { IssueAnalyser } from '../analysis/issue-analyser';
import type { PullResult, PushObserver, PushRequest, SheetRef, Store } from '../store/store-types';
import type { Caller } from './push-types';

type Issues = PushResponse['issues'];

/**
 * Which stored rows the issues of a push are computed from: all (0), those changed after a
 * revision, or none (null). Kinds whose checks look at one row at a time (`rowLocal` in the
 * kind's definition: a metric value, its period and its number) answer a delta push with the
 * issues of the rows it changed, as stored: the same issues the whole sheet would give for
 * those rows, without re-checking 100k unchanged rows on every 10-cell delta. Every other kind
 * has checks across rows (weights adding up, dependencies, cycles…) and is analysed whole.
 */
export function issuesSince(request: Pick<PushRequest, 'mode' | 'kind'>, revision: number, changedCells: number): number | null {
  if (request.mode !== 'delta' || !KIND_DEFINITIONS[request.kind].rowLocal) return 0;
  // Nothing changed: no row to check (the issues of the rows as they were were answered before).
  return changedCells === 0 ? null : revision - 1;
}

/**
 * The shared analysis of the sheet as stored (or of its rows changed after `since`), as this
 * caller may see it. `known`: what pull(ref, since) would read back, when the store answered it
 * — the sheet as a full push just left it (since 0), so that a 100k-row push is not read back
 * to be checked, or the rows a delta push wrote (since its revision − 1), so that a 10-cell
 * push does not wait for the pool behind the readers to read them.
 */
export async function storedIssues(
  store: Pick<Store, 'pull'>,
  analyser: IssueAnalyser | undefined,
  caller: Caller,
  ref: SheetRef,
  kind: SheetKind,
  since: number | null = 0,
  known?: PullResult,
): Promise<Issues> {
  if (since === null) return [];
  const pulled = known ?? (await store.pull(ref, since));
  if (pulled === null || pulled.kind !== kind) return [];
  const rows = (await caller.view.rows(kind, pulled.rows.filter((r) => !r.deleted))).map((r) => r.cells);
  // On the analyser's worker (with its deadline) when there is one; the service's tests run it here.
  if (analyser !== undefined) return analyser.analyse({ sheet: ref.sheet, kind, today: caller.today, locale: caller.locale, rowsJson: JSON.stringify(rows) });
  return sheetIssues({ sheet: ref.sheet, kind, rows, today: caller.today, locale: caller.locale });
}

/**
 * The issues of the sheet a push is about to store, analysed while the store writes it, when
 * the store can tell what it will hold (see PushObserver) and this caller sees it all as stored.
 * Whenever the store tells, the answer's issues are those of the whole sheet (a full push, or
 * a new sheet), which is what storedIssues would compute after the commit.
 */
export function issuesWhileWriting(
  analyser: IssueAnalyser | undefined,
  caller: Caller,
  request: PushRequest,
): { readonly observer: PushObserver | undefined; issues(): Promise<Issues> | null } {
  let started: Promise<Issues> | null = null;
  if (analyser === undefined || !caller.view.seesEveryRowInClear()) return { observer: undefined, issues: () => null };
  const observer: PushObserver = {
    beforeWrite: ({ rowCells }) => {
      started = analyser.analyse({ sheet: request.ref.sheet, kind: request.kind, today: caller.today, locale: caller.locale, rowsJson: rowsJsonOf(rowCells) });
      // Awaited only if the push is applied; a push that rolls back drops it.
      started.catch(() => undefined);
    },
  };
  return { observer, issues: () => started };
}
