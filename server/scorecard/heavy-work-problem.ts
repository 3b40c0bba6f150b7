import { apiError, type ApiError } from '../http/api-error';
import type { HeavyWorkFailure } from './scorecard-work';

/**
 * Heavy work not done, as the answer a caller gets: a full queue or a passed deadline is the
 * service's load (503 busy, retry shortly); a worker that died is the service's fault (500),
 * said plainly. The service itself stays up either way.
 */
export function heavyWorkProblem(failure: HeavyWorkFailure, what: string): ApiError {
  switch (failure.code) {
    case 'queue-full':
      return apiError('busy', `The service has ${failure.limit} ${what}s waiting already; try again in a moment.`, { reason: 'queue-full' }, { headers: { 'Retry-After': '2' } });
    case 'timeout':
      return apiError('busy', `The ${what} took longer than ${failure.limitSeconds} s and was stopped; try again in a moment.`, { reason: 'deadline', limitSeconds: failure.limitSeconds }, { headers: { 'Retry-After': '5' } });
    case 'closed':
      return apiError('busy', 'The service is shutting down; try again in a moment.', { reason: 'shutting-down' }, { headers: { 'Retry-After': '5' } });
    case 'worker-failed':
      return apiError('internal', `The ${what} could not be made: its worker thread failed. The service is still up; try again, and tell the administrator if it keeps failing.`, { reason: 'worker-failed' }, { cause: new Error(failure.message) });
    case 'task-failed':
      return apiError('internal', `The ${what} could not be made: an error in its computation. The service is still up; tell the administrator.`, { reason: 'task-failed' }, { cause: new Error(`${failure.name}: ${failure.message}`) });
  }
}
