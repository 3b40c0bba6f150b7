import { z } from 'zod';
import { ProblemSchema, type Problem } from '../../shared/api/problem';
import { MY_WORKSPACES_PATH, MyWorkspacesResponseSchema, type MyWorkspacesResponse } from '../../shared/api/my-workspaces';
import {
  ApprovalListResponseSchema,
  DecisionResponseSchema,
  approvalDecisionPath,
  approvalsPath,
  type ApprovalListResponse,
  type ApprovalStatus,
  type DecisionResponse,
} from '../../shared/api/approvals';
import { ScorecardReportSchema } from '../../shared/api/scorecard';
import {
  HistoryResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  type HistoryResponse,
  type PullResponse,
  type PushBody,
  type PushResponse,
} from '../../shared/api/sync';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { fail, ok, type Result } from '../../shared/result';
import { ownerOfToken, sameOwner, type AccountOwner } from '../auth/token-owner';
import type { AuthFailure, TokenProvider } from '../auth/token-provider';
import type { HttpRequest, HttpResponse, Transport } from './http';
import type { PushProgress } from './progress';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry';
import { sheetPath as sharedSheetPath } from '../../shared/api/paths';

/**
 * The sync API's client. Every answer is parsed with the shared zod schemas, every failure is a
 * value (SyncFailure), and retries are bounded. A push carries one Idempotency-Key per logical
 * push: made once (or handed in by the offline queue, which persists it) and sent unchanged on
 * every retry, so a retry after a lost answer replays the first answer instead of pushing twice.
 */

export interface SheetRef {
  readonly workspace: string;
  readonly workbook: string;
  readonly sheet: string;
}

export type SyncFailure =
  /** No usable answer after the bounded retries: network down, gateway errors, overload. Worth waiting out. */
  | { readonly kind: 'unreachable'; readonly attempts: number; readonly status: number | null; readonly retryAfterMs: number | null }
  /** The service said no, with a problem+json body. Waiting will not help. */
  | { readonly kind: 'problem'; readonly status: number; readonly problem: Problem }
  | { readonly kind: 'auth'; readonly failure: AuthFailure }
  /** An answer that is not what the API promises (wrong server, proxy page, version skew). */
  | { readonly kind: 'invalid-response'; readonly status: number };

export function isRetryable(failure: SyncFailure): boolean {
  return failure.kind === 'unreachable';
}

export interface SyncClientOptions {
  /** The service's origin (and path prefix, if any), e.g. https://scorecard.contoso.com. */
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  readonly transport: Transport;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly newKey?: () => string;
  /** Per attempt; big pushes need time. */
  readonly timeoutMs?: number;
}

export interface PushOptions {
  /** The revision the push started from; null creates the sheet (If-None-Match: *). */
  readonly baseRevision: number | null;
  /** Reuse a key (the offline queue's, persisted across reloads); made here otherwise. */
  readonly idempotencyKey?: string;
  readonly onProgress?: (progress: PushProgress) => void;
  /**
   * The account this push belongs to (the offline queue's entry owner): every attempt's token is
   * checked to be that account's, and the push is not sent under any other ('wrong-account').
   */
  readonly owner?: AccountOwner;
}

export interface SyncClient {
  push(ref: SheetRef, body: PushBody, options: PushOptions): Promise<Result<PushResponse, SyncFailure>>;
  pull(ref: SheetRef, since: number): Promise<Result<PullResponse, SyncFailure>>;
  history(ref: SheetRef, key: string, field: string): Promise<Result<HistoryResponse, SyncFailure>>;
  scorecard(workspace: string, period?: string): Promise<Result<ScorecardReport, SyncFailure>>;
  /** The workspaces the signed-in user may push to. */
  myWorkspaces(): Promise<Result<MyWorkspacesResponse, SyncFailure>>;
  /** Changes held for approval in a workspace (pending by default), as the service lets this user see them. */
  approvals(workspace: string, status?: ApprovalStatus | 'all'): Promise<Result<ApprovalListResponse, SyncFailure>>;
  /** Approves (comment optional) or rejects (comment required) a pending change. */
  decideApproval(workspace: string, id: number, decision: 'approve' | 'reject', comment: string): Promise<Result<DecisionResponse, SyncFailure>>;
}

/** The sheet's URL path, as the service declares it (shared/api/paths.ts). */
export function sheetPath(ref: SheetRef): string {
  return sharedSheetPath(ref);
}

function randomKey(): string {
  return globalThis.crypto.randomUUID();
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Attempted {
  readonly response: HttpResponse;
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const newKey = options.newKey ?? randomKey;
  const base = options.baseUrl.replace(/\/+$/, '');

  /**
   * One logical request, retried: network errors, 429/502/503/504 and a 409 "still processing
   * this Idempotency-Key" are tried again after a jittered, doubling delay (or Retry-After, when
   * the service names one and it is not too long). Everything else is the answer.
   */
  async function send(
    build: () => Omit<HttpRequest, 'headers'> & { headers: Record<string, string> },
    onRetry?: (attempt: number) => void,
    owner?: AccountOwner,
  ): Promise<Result<Attempted, SyncFailure>> {
    let lastStatus: number | null = null;
    let retryAfterMs: number | null = null;
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      if (attempt > 1) onRetry?.(attempt);
      // A token per attempt: one taken before a long backoff may have expired since.
      const token = await options.tokens.getToken();
      if (!token.ok) return fail({ kind: 'auth', failure: token.error });
      if (owner !== undefined && !sameOwner(ownerOfToken(token.value), owner)) return fail({ kind: 'auth', failure: { kind: 'wrong-account' } });
      const request = build();
      const result = await options.transport({
        ...request,
        headers: { ...request.headers, Authorization: `Bearer ${token.value}`, Accept: 'application/json, application/problem+json' },
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      retryAfterMs = null;
      if (result.ok) {
        const response = result.value;
        lastStatus = response.status;
        if (!shouldRetry(response)) return ok({ response });
        retryAfterMs = parseRetryAfter(response.header('Retry-After'), now());
        if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) break;
      } else {
        lastStatus = null;
      }
      if (attempt === policy.maxAttempts) break;
      await sleep(Math.max(backoffDelay(policy, attempt, random), retryAfterMs ?? 0));
    }
    return fail({ kind: 'unreachable', attempts: policy.maxAttempts, status: lastStatus, retryAfterMs });
  }

  async function getJson<T>(path: string, schema: z.ZodType<T>): Promise<Result<T, SyncFailure>> {
    const sent = await send(() => ({ method: 'GET', url: base + path, headers: {} }));
    if (!sent.ok) return sent;
    return answer(sent.value.response, schema);
  }

  return {
    async push(ref, body, pushOptions) {
      const key = pushOptions.idempotencyKey ?? newKey();
      const payload = JSON.stringify(body);
      const report = pushOptions.onProgress;
      let attempt = 1;
      report?.({ phase: 'preparing', loaded: 0, total: payload.length, attempt });
      const precondition: Record<string, string> =
        pushOptions.baseRevision === null ? { 'If-None-Match': '*' } : { 'If-Match': `"${pushOptions.baseRevision}"` };
      const sent = await send(
        () => ({
          method: 'PUT',
          url: base + sheetPath(ref),
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, ...precondition },
          body: payload,
          onUploadProgress: (loaded, total) =>
            report?.({ phase: loaded >= total && total > 0 ? 'processing' : 'uploading', loaded, total, attempt }),
        }),
        (next) => {
          attempt = next;
          report?.({ phase: 'retrying', loaded: 0, total: payload.length, attempt });
        },
        pushOptions.owner,
      );
      if (!sent.ok) return sent;
      const { response } = sent.value;
      // Conflicts are a 200 with `conflicts` in the body (shared/api/sync.ts): the cells that did
      // not conflict are stored in a new revision. Any 409 is a refusal, read as a problem.
      const parsed = answer(response, PushResponseSchema);
      if (parsed.ok) report?.({ phase: 'done', loaded: payload.length, total: payload.length, attempt });
      return parsed;
    },
    pull(ref, since) {
      return getJson(`${sheetPath(ref)}?since=${since}`, PullResponseSchema);
    },
    history(ref, key, field) {
      const q = `key=${encodeURIComponent(key)}&field=${encodeURIComponent(field)}`;
      return getJson(`${sheetPath(ref)}/history?${q}`, HistoryResponseSchema);
    },
    scorecard(workspace, period) {
      const q = period ? `?period=${encodeURIComponent(period)}` : '';
      return getJson(`/api/v1/workspaces/${encodeURIComponent(workspace)}/scorecard${q}`, ScorecardReportSchema);
    },
    myWorkspaces() {
      return getJson(MY_WORKSPACES_PATH, MyWorkspacesResponseSchema);
    },
    approvals(workspace, status = 'pending') {
      return getJson(`${approvalsPath(workspace)}?status=${encodeURIComponent(status)}`, ApprovalListResponseSchema);
    },
    async decideApproval(workspace, id, decision, comment) {
      const trimmed = comment.trim();
      const body = JSON.stringify(decision === 'reject' || trimmed !== '' ? { comment: trimmed } : {});
      // A retry after a lost answer meets "decided already" (409), never a second decision.
      const sent = await send(() => ({ method: 'POST', url: base + approvalDecisionPath(workspace, id, decision), headers: { 'Content-Type': 'application/json' }, body }));
      if (!sent.ok) return sent;
      return answer(sent.value.response, DecisionResponseSchema);
    },
  };
}

function shouldRetry(response: HttpResponse): boolean {
  if (isRetryableStatus(response.status)) return true;
  // The first request with this key is still running on the service: its answer will be replayed.
  return response.status === 409 && problemOf(response)?.code === 'idempotency-in-progress';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The problem+json body of an answer, if it is one; by its shape, whatever the Content-Type says. */
export function problemOf(response: HttpResponse): Problem | null {
  const parsed = ProblemSchema.safeParse(parseJson(response.body));
  return parsed.success ? parsed.data : null;
}

function answer<T>(response: HttpResponse, schema: z.ZodType<T>): Result<T, SyncFailure> {
  if (response.status >= 200 && response.status < 300) {
    const parsed = schema.safeParse(parseJson(response.body));
    return parsed.success ? ok(parsed.data) : fail({ kind: 'invalid-response', status: response.status });
  }
  const problem = problemOf(response);
  if (problem) return fail({ kind: 'problem', status: response.status, problem });
  return fail({ kind: 'invalid-response', status: response.status });
}
