import { OPERATIONS, type Operation } from '../../shared/engine/policy/types';
import { isForbiddenReason, type WorkspaceFrom } from '../../shared/i18n/forbidden-catalog';
import { forbiddenReasonMessage, workspaceHint } from '../../shared/i18n/forbidden-messages';
import type { Locale } from '../../shared/i18n/locale';
import { ApiError } from './api-error';

export interface WorkspaceOfRequest {
  readonly workspace: string;
  readonly from: WorkspaceFrom;
  readonly locale: Locale;
  /** Whether the caller's account carries a department (the other-department wording). */
  readonly hasDepartment: boolean;
}

function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}

/**
 * Every 403 of a request about a workspace says which workspace was meant and how to name
 * another, in the caller's language: the enforcer's and the routes' denials are worded from
 * their `reason` (zh-CN or en-US); a denial already worded for the caller (a sync refusal) keeps
 * its words. The problem gains `workspace` and `workspaceFrom` members — the validated name the
 * caller sent (or the service's documented default), nothing else. Other errors pass unchanged.
 */
export function withWorkspaceHint(error: unknown, at: WorkspaceOfRequest): unknown {
  if (!(error instanceof ApiError) || error.code !== 'forbidden') return error;
  const { reason, operation, subject } = error.extra;
  const why =
    isForbiddenReason(reason) && isOperation(operation)
      ? forbiddenReasonMessage(
          reason,
          { workspace: at.workspace, operation, hasDepartment: at.hasDepartment, ...(subject === 'users' ? { subject } : {}) },
          at.locale,
        )
      : error.detail;
  const separator = at.locale === 'zh-CN' ? '' : ' ';
  return new ApiError(
    error.status,
    error.code,
    `${why}${separator}${workspaceHint(at.workspace, at.from, at.locale)}`,
    { ...error.extra, workspace: at.workspace, workspaceFrom: at.from },
    { headers: error.headers },
  );
}
