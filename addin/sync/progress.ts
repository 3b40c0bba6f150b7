import { fail, ok } from '../../shared/result';
import type { HttpRequest, HttpResponse, NetworkFailure, Transport } from './http';

/**
 * Upload progress for big pushes.
 *
 * Decision: a push stays ONE request, because one push must make one revision (a sheet split
 * over several requests could be half-stored when the connection drops, and the service's
 * idempotency and conflict rules work per request). Progress therefore comes from the browser's
 * upload events: XMLHttpRequest reports `upload.onprogress` in every browser Office hosts,
 * whereas fetch() cannot report upload progress (a streamed request body needs HTTP/2 and
 * `duplex: 'half'`, which Safari — Excel on Mac and iPad — does not support). So:
 *   - in a browser: xhrTransport, with byte-accurate progress while uploading, then an
 *     indeterminate "waiting for the service" phase until the answer comes;
 *   - without XMLHttpRequest (node, tests): fetchTransport, which reports 0 then done.
 */

export type PushPhase = 'preparing' | 'uploading' | 'processing' | 'retrying' | 'done';

export interface PushProgress {
  readonly phase: PushPhase;
  readonly loaded: number;
  readonly total: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** 0..1 for a determinate bar, or null while the service works (an indeterminate bar). */
export function progressFraction(p: PushProgress): number | null {
  switch (p.phase) {
    case 'preparing':
      return 0;
    case 'uploading':
      return p.total > 0 ? Math.min(1, p.loaded / p.total) : null;
    case 'done':
      return 1;
    default:
      return null;
  }
}

function headerLookup(headers: Headers): (name: string) => string | null {
  return (name) => headers.get(name);
}

export function fetchTransport(fetchImpl: typeof fetch = fetch): Transport {
  return async (request: HttpRequest) => {
    const controller = new AbortController();
    const timer = request.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const total = request.body === undefined ? 0 : new TextEncoder().encode(request.body).length;
      request.onUploadProgress?.(0, total);
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      });
      const body = await response.text();
      request.onUploadProgress?.(total, total);
      const result: HttpResponse = { status: response.status, header: headerLookup(response.headers), body };
      return ok(result);
    } catch {
      return fail<NetworkFailure>({ kind: 'network', reason: controller.signal.aborted ? 'timeout' : 'failed' });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };
}

export function xhrTransport(): Transport {
  return (request: HttpRequest) =>
    new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url, true);
      for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
      if (request.timeoutMs !== undefined) xhr.timeout = request.timeoutMs;
      const onProgress = request.onUploadProgress;
      if (onProgress) {
        xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
        xhr.upload.onload = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : e.loaded);
      }
      xhr.onload = () => {
        const response: HttpResponse = { status: xhr.status, header: (name) => xhr.getResponseHeader(name), body: xhr.responseText };
        resolve(ok(response));
      };
      const failWith = (reason: NetworkFailure['reason']) => () => resolve(fail({ kind: 'network', reason }));
      // navigator.onLine is read when the error happens: it is only a hint, but a useful one.
      xhr.onerror = () => failWith(typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'failed')();
      xhr.ontimeout = failWith('timeout');
      xhr.onabort = failWith('aborted');
      xhr.send(request.body ?? null);
    });
}

/** XMLHttpRequest where there is one (browsers, Office), fetch elsewhere. */
export function defaultTransport(): Transport {
  return typeof XMLHttpRequest === 'undefined' ? fetchTransport() : xhrTransport();
}
