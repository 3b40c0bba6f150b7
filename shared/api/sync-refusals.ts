import type { Operation } from '../engine/policy';
import type { SheetKind } from '../kinds/sheet-kind';
import type { FieldError } from './problem';

/**
 * Why the service did not apply a push (or a row delete, or an upload's store): the refusals of
 * the sync service as data, each code with its typed parameters, like issues. The service
 * answers them as problem+json (`reason` is the code, the parameters are members of the body);
 * the words are in shared/i18n/<locale>/sync-refusals.ts, so the add-in can say them in its own
 * language from the code alone. Parameters hold our own numbers and names, never cell values.
 */
export interface SyncRefusalParams {
  /** More rows and deletes than SYNC_MAX_ROWS. */
  readonly 'too-many-rows': { readonly limit: number };
  /** Rows without a natural key, or repeating one (`errors` names them). */
  readonly 'row-keys': { readonly rows: number };
  /** The caller's grant covers their own department only: rows of another one (0: the sheet holds no department). */
  readonly 'other-department': { readonly operation: Operation; readonly rows: number };
  /** The caller's grants are about other data than this sheet's kind (a subject of the matrix). */
  readonly 'other-subject': { readonly operation: Operation };
  /** The push removes rows (explicitly or by leaving them out of a full push) without 删除 / delete on them. */
  readonly 'delete-not-granted': { readonly rows: number };
  /** The permission matrix and the data classification are changed by an unmasked global administrator only. */
  readonly 'admin-only': { readonly kind: 'permissions' | 'classification' };
  /** The matrix would leave its pusher no longer an administrator. */
  readonly 'admin-lockout': Record<string, never>;
  /** Cells hold masked values the service cannot match to a stored value: writing them would destroy data. */
  readonly 'masked-value-unmatched': { readonly rows: number };
  /** The sheet exists with another kind. */
  readonly 'kind-mismatch': { readonly kind: SheetKind };
  readonly 'key-reused': Record<string, never>;
  readonly 'in-progress': Record<string, never>;
  /** If-None-Match: * on an existing sheet. */
  readonly exists: Record<string, never>;
  /** If-Match on a sheet that does not exist. */
  readonly 'not-found': Record<string, never>;
  /** If-Match names a revision the sheet never had. */
  readonly 'stale-unknown': { readonly current: number };
  /** Neither If-Match nor If-None-Match. */
  readonly 'precondition-required': Record<string, never>;
  /** Microsoft Graph could not tell the caller's groups. */
  readonly 'groups-unavailable': Record<string, never>;
}

export type SyncRefusalCode = keyof SyncRefusalParams;

export type SyncRefusal = {
  readonly [C in SyncRefusalCode]: {
    readonly code: C;
    readonly params: SyncRefusalParams[C];
    /** Where, in the request (rows by index, never by value); at most 50. */
    readonly errors?: readonly FieldError[];
  };
}[SyncRefusalCode];

export function syncRefusal<C extends SyncRefusalCode>(code: C, params: SyncRefusalParams[C], errors?: readonly FieldError[]): SyncRefusal {
  return (errors === undefined ? { code, params } : { code, params, errors }) as SyncRefusal;
}

/** The most row errors a refusal lists. */
export const MAX_REFUSAL_ERRORS = 50;
