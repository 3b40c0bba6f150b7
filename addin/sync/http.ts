import type { Result } from '../../shared/result';

/**
 * The one HTTP seam of the add-in: the sync client speaks to a Transport, not to fetch or
 * XMLHttpRequest, so tests and the pane can pick the implementation (progress.ts has both).
 * Only plain types here: the declarations must compile without the DOM library too.
 */

export interface HttpRequest {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Bytes of the body sent so far; only transports that can observe it call this. */
  readonly onUploadProgress?: (loaded: number, total: number) => void;
  /** Hard limit for this one attempt, in milliseconds. */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Header lookup, case-insensitive. */
  header(name: string): string | null;
  readonly body: string;
}

/** The request never got an HTTP answer: offline, DNS, refused, reset, timed out. */
export interface NetworkFailure {
  readonly kind: 'network';
  readonly reason: 'offline' | 'timeout' | 'aborted' | 'failed';
}

export type Transport = (request: HttpRequest) => Promise<Result<HttpResponse, NetworkFailure>>;
