import type { SyncRefusal } from '../../shared/api/sync-refusals';
import type { Locale } from '../../shared/i18n/locale';
import { syncRefusalMessage } from '../../shared/i18n/sync-refusal-messages';
import { apiError, type ApiError, type ProblemCode } from '../http/api-error';

/** The problem code (and so the HTTP status) each refusal is answered with. */
const PROBLEM_OF: { readonly [C in SyncRefusal['code']]: ProblemCode } = {
  'too-many-rows': 'payload-too-large',
  'row-keys': 'validation',
  'other-department': 'forbidden',
  'other-subject': 'forbidden',
  'delete-not-granted': 'forbidden',
  'admin-only': 'forbidden',
  'admin-lockout': 'conflict',
  'masked-value-unmatched': 'conflict',
  'kind-mismatch': 'conflict',
  'key-reused': 'idempotency-key-reused',
  'in-progress': 'idempotency-in-progress',
  exists: 'precondition-failed',
  'not-found': 'not-found',
  'stale-unknown': 'precondition-failed',
  'precondition-required': 'precondition-required',
  'groups-unavailable': 'upstream-unavailable',
};

/** Older clients read these `reason` values; the refusal code is the reason everywhere else. */
const REASON_OF: Partial<Record<SyncRefusal['code'], string>> = {
  'not-found': 'sheet-not-found',
  'stale-unknown': 'unknown-revision',
};

/**
 * The one mapping of a sync refusal to its problem+json: the code (and so the status), the
 * refusal's parameters as members (`reason` is the refusal's code; a client localises from it),
 * the rows it names in `errors`, and the message in the caller's language.
 */
export function refusalProblem(refusal: SyncRefusal, locale: Locale, prefix = ''): ApiError {
  const params = refusal.params as Readonly<Record<string, unknown>>;
  const extra: Record<string, unknown> = { reason: REASON_OF[refusal.code] ?? refusal.code, ...params };
  if (refusal.code === 'too-many-rows') extra['limitRows'] = refusal.params.limit;
  if (refusal.code === 'stale-unknown') extra['revision'] = refusal.params.current;
  if (refusal.code === 'delete-not-granted') extra['operation'] = 'delete';
  if (refusal.errors !== undefined) extra['errors'] = refusal.errors;
  const headers = refusal.code === 'in-progress' ? { 'Retry-After': '1' } : undefined;
  return apiError(PROBLEM_OF[refusal.code], prefix + syncRefusalMessage(refusal, locale), extra, headers ? { headers } : undefined);
}
