import type { Issue, IssueCode, Severity } from '../issues/issue';
import type { IssueParams } from '../issues/codes';
import type { MessageCatalog } from './catalog';
import type { Locale } from './locale';
import { accessEn } from './en-US/access';
import { kpiEn } from './en-US/kpi';
import { planEn } from './en-US/plan';
import { reconcileEn } from './en-US/reconcile';
import { tableEn } from './en-US/table';
import { accessZh } from './zh-CN/access';
import { kpiZh } from './zh-CN/kpi';
import { planZh } from './zh-CN/plan';
import { reconcileZh } from './zh-CN/reconcile';
import { tableZh } from './zh-CN/table';

const CATALOGS: Record<Locale, MessageCatalog<IssueParams>> = {
  'en-US': { ...tableEn, ...kpiEn, ...planEn, ...accessEn, ...reconcileEn },
  'zh-CN': { ...tableZh, ...kpiZh, ...planZh, ...accessZh, ...reconcileZh },
};

/** An issue as a person reads it: what the CLI prints, the API answers and the pane lists. */
export interface LocalizedIssue {
  sheet: string;
  cell: string;
  severity: Severity;
  code: IssueCode;
  message: string;
  suggestion?: string;
}

export function localizeIssue(issue: Issue, locale: Locale): LocalizedIssue {
  // The catalog is keyed by code and typed per code; the cast joins the two halves of the union.
  const entry = CATALOGS[locale][issue.code] as {
    message: (p: unknown) => string;
    suggestion?: (p: unknown) => string | null;
  };
  const out: LocalizedIssue = {
    sheet: issue.sheet,
    cell: issue.cell,
    severity: issue.severity,
    code: issue.code,
    message: entry.message(issue.params),
  };
  const suggestion = entry.suggestion?.(issue.params);
  if (suggestion) out.suggestion = suggestion;
  return out;
}

export function knownIssueCodes(locale: Locale): string[] {
  return Object.keys(CATALOGS[locale]);
}
