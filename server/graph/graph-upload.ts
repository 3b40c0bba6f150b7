import { fail, ok, type Result } from '../../shared/result';
import type { GraphFailure } from './graph-failure';
import { describeUrl, graphRequest, type GraphHttp } from './graph-http';

/** Graph takes a simple PUT up to 4 MB; above that, an upload session. */
export const SIMPLE_UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
/** Upload-session chunks must be multiples of 320 KiB (Graph's rule), except the last. */
export const UPLOAD_CHUNK_UNIT = 320 * 1024;
/** 10 × 320 KiB: few round trips, and well under Graph's 60 MiB per-request limit. */
export const DEFAULT_UPLOAD_CHUNK_BYTES = 10 * UPLOAD_CHUNK_UNIT;

export function isValidChunkSize(bytes: number): boolean {
  return Number.isInteger(bytes) && bytes > 0 && bytes % UPLOAD_CHUNK_UNIT === 0 && bytes <= 60 * 1024 * 1024;
}

/**
 * `drives/{id}/root:/{path}:` with each segment escaped. "..", "." and empty segments are
 * refused rather than normalised: a workspace named ".." must not climb out of the folder.
 */
export function driveItemAddress(baseUrl: string, driveId: string, path: string): Result<string, GraphFailure> {
  const segments = path.replace(/^\/+|\/+$/g, '').split('/');
  const bad = segments.find((s) => s === '' || s === '.' || s === '..' || s.includes('\\'));
  if (driveId.trim() === '' || bad !== undefined) {
    return fail({ code: 'invalid-request', message: `Cannot upload to drive path "${path}": empty, "." or ".." segment, or a backslash` });
  }
  return ok(`${baseUrl}/drives/${encodeURIComponent(driveId)}/root:/${segments.map(encodeURIComponent).join('/')}:`);
}

export interface UploadOptions {
  readonly token: string;
  readonly chunkBytes: number;
}

export async function uploadDriveFile(
  http: GraphHttp,
  itemAddress: string,
  content: Uint8Array,
  options: UploadOptions,
): Promise<Result<void, GraphFailure>> {
  if (content.byteLength <= SIMPLE_UPLOAD_MAX_BYTES) {
    const put = await graphRequest(http, {
      method: 'PUT',
      url: `${itemAddress}/content`,
      token: options.token,
      headers: { 'content-type': 'application/octet-stream' },
      body: content,
    });
    if (!put.ok) return put;
    await put.value.body?.cancel();
    return ok(undefined);
  }
  return uploadInSession(http, itemAddress, content, options);
}

/**
 * createUploadSession, then byte ranges in order. The session URL is pre-authenticated: our
 * token is not sent to it (Graph documents that an Authorization header there can fail the
 * upload, and the URL is usually on another host, SharePoint's).
 */
async function uploadInSession(
  http: GraphHttp,
  itemAddress: string,
  content: Uint8Array,
  options: UploadOptions,
): Promise<Result<void, GraphFailure>> {
  const created = await graphRequest(http, {
    method: 'POST',
    url: `${itemAddress}/createUploadSession`,
    token: options.token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'replace' } }),
  });
  if (!created.ok) return created;
  const session = (await created.value.json().catch(() => null)) as { uploadUrl?: unknown } | null;
  const uploadUrl = typeof session?.uploadUrl === 'string' ? session.uploadUrl : null;
  if (uploadUrl === null || !trustedUploadUrl(uploadUrl, http.baseUrl)) {
    return fail({ code: 'http', message: `createUploadSession returned no usable uploadUrl (${uploadUrl === null ? 'none' : describeUrl(uploadUrl)})` });
  }

  const total = content.byteLength;
  let start = 0;
  // A server that keeps asking for bytes we already sent would loop us forever.
  let stalls = 0;
  while (start < total && stalls < 3) {
    const end = Math.min(start + options.chunkBytes, total);
    const put = await graphRequest(http, {
      method: 'PUT',
      url: uploadUrl,
      headers: { 'content-range': `bytes ${start}-${end - 1}/${total}` },
      body: content.subarray(start, end),
    });
    if (!put.ok) {
      await cancelSession(http, uploadUrl);
      return put;
    }
    if (put.value.status === 200 || put.value.status === 201) {
      await put.value.body?.cancel();
      if (end === total) return ok(undefined);
      return fail({ code: 'http', message: `Upload session completed after ${end} of ${total} bytes` });
    }
    // 202: the server says which byte it wants next; follow it rather than assume.
    const next = nextExpectedStart(await put.value.json().catch(() => null));
    const resume = next !== null && next >= 0 && next < total ? next : end;
    stalls = resume <= start ? stalls + 1 : 0;
    start = resume;
  }
  await cancelSession(http, uploadUrl);
  return fail({ code: 'http', message: `Upload session of ${total} bytes ended without a completion answer` });
}

function nextExpectedStart(body: unknown): number | null {
  const ranges = (body as { nextExpectedRanges?: unknown } | null)?.nextExpectedRanges;
  if (!Array.isArray(ranges) || typeof ranges[0] !== 'string') return null;
  const start = Number(ranges[0].split('-')[0]);
  return Number.isInteger(start) ? start : null;
}

/** https, or the Graph base URL's own origin (a local stub over http in tests). */
function trustedUploadUrl(url: string, baseUrl: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** Best effort: an abandoned session would otherwise hold the upload until it expires. */
async function cancelSession(http: GraphHttp, uploadUrl: string): Promise<void> {
  try {
    const response = await http.fetch(uploadUrl, { method: 'DELETE', signal: AbortSignal.timeout(http.timeoutMs) });
    await response.body?.cancel();
  } catch {
    // The session expires on its own; the upload's own failure is what gets reported.
  }
}
