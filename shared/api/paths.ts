import { z } from 'zod';
import { WorkspaceNameSchema } from './workspace';

/**
 * The API's paths and names, once: the service's routes, the add-in's client, the CLI and the
 * tests build their URLs from these, so a path cannot differ between them.
 */

export const API_BASE = '/api/v1';

/** The handbook's user sync (四(一)2): its path is the handbook's, outside /workspaces/. */
export const USER_SYNC_PATH = `${API_BASE}/user/sync`;

/** The content type of every .xlsx the API takes or answers. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Characters no name or key may hold: C0 and C1 controls (NUL included), and the invisible
 * format characters that make one name look like another (bidi embeddings, overrides and
 * isolates, zero-width space and joiners, the word joiner, the byte-order mark).
 */
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;

/** True when a name or key holds none of UNSAFE_NAME_CHARACTERS. */
export function isSafeName(text: string): boolean {
  return !UNSAFE_NAME_CHARACTERS.test(text);
}

/** A workbook or sheet name: what Excel allows and a little more; no control or invisible format characters. */
export const ObjectNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine(isSafeName, 'a name without control characters, bidi controls or zero-width characters');

/** A row's natural key in a path or a query (DELETE …/rows/:key, history ?key=), with the rules of names. */
export const RowKeySchema = z.string().min(1).max(1024).refine(isSafeName, 'a key without control characters, bidi controls or zero-width characters');

export const SheetParamsSchema = z.object({ workspace: WorkspaceNameSchema, workbook: ObjectNameSchema, sheet: ObjectNameSchema });

export interface SheetAddress {
  readonly workspace: string;
  readonly workbook: string;
  readonly sheet: string;
}

export function workspacePath(workspace: string): string {
  return `${API_BASE}/workspaces/${encodeURIComponent(workspace)}`;
}

/** PUT (push), GET (pull) …; `/history` and `/rows/:key` hang below it. */
export function sheetPath(ref: SheetAddress): string {
  const e = encodeURIComponent;
  return `${workspacePath(ref.workspace)}/workbooks/${e(ref.workbook)}/sheets/${e(ref.sheet)}`;
}

export function uploadsPath(workspace: string): string {
  return `${workspacePath(workspace)}/uploads`;
}
