import { forbiddenEn } from './en-US/forbidden';
import type { ForbiddenCatalog, ForbiddenParams, ForbiddenReason, WorkspaceFrom } from './forbidden-catalog';
import type { Locale } from './locale';
import { forbiddenZh } from './zh-CN/forbidden';

const CATALOGS: Readonly<Record<Locale, ForbiddenCatalog>> = { 'en-US': forbiddenEn, 'zh-CN': forbiddenZh };

/** Why the request was refused, in the caller's language. */
export function forbiddenReasonMessage(reason: ForbiddenReason, params: ForbiddenParams, locale: Locale): string {
  return CATALOGS[locale].reasons[reason](params);
}

/** Which workspace the request was about, and how to name another. */
export function workspaceHint(workspace: string, from: WorkspaceFrom, locale: Locale): string {
  return CATALOGS[locale].where[from](workspace);
}
