import { PassThrough } from 'node:stream';
import { XLSX_CONTENT_TYPE } from '../../shared/api/paths';
import type { CreateSubscription } from '../../shared/api/subscriptions';
import type { ScorecardReport, ScoreRow } from '../../shared/engine/scorecard-types';
import { formatPercent } from '../../shared/i18n/locale';
import type { MailMessage } from '../graph/graph-mail';
import { writeScorecardWorkbook, type ScorecardWorkbookInput } from '../workbook/scorecard-writer';
import { MAIL_LABELS, type MailLabels } from './mail-labels';

/**
 * A subscription's message, made only of what the recipient's caller view let through
 * (visible-scorecard.ts): the workbook, exactly as their own download, and/or a summary of the
 * latest period in the body. The subscription's departments and perspectives only narrow that
 * further; they can never widen it.
 */

export function narrowReport(report: ScorecardReport, definition: Pick<CreateSubscription, 'departments' | 'perspectives'>): ScorecardReport {
  const departments = definition.departments ? new Set(definition.departments) : null;
  const perspectives = definition.perspectives ? new Set<string>(definition.perspectives) : null;
  const inDepartment = (d: string): boolean => departments === null || departments.has(d);
  const inPerspective = (p: string | null): boolean => perspectives === null || (p !== null && perspectives.has(p));
  return {
    rows: report.rows.filter((r) => inDepartment(r.department) && inPerspective(r.perspective)),
    perspectives: report.perspectives.filter((p) => inDepartment(p.department) && inPerspective(p.perspective)),
    overall: report.overall.filter((o) => inDepartment(o.department)),
  };
}

/** The workbook in memory: a mail attachment is sent whole, and it is at most a few MB. */
export async function workbookBytes(input: ScorecardWorkbookInput): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeScorecardWorkbook(input, { stream: sink });
  return Buffer.concat(chunks);
}

export async function composeMail(
  definition: CreateSubscription,
  workspace: string,
  input: ScorecardWorkbookInput,
  date: string,
): Promise<MailMessage> {
  const labels = MAIL_LABELS[definition.locale];
  const report = narrowReport(input.report, definition);
  const withWorkbook = definition.format === 'workbook';
  const attachments = withWorkbook
    ? [{ name: `scorecard-${workspace}-${date}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes: await workbookBytes({ ...input, report }) }]
    : [];
  return {
    to: definition.recipient.email,
    subject: labels.subject(workspace, date),
    html: summaryHtml(report, labels, workspace, date, withWorkbook, definition.locale),
    attachments,
  };
}

function summaryHtml(report: ScorecardReport, labels: MailLabels, workspace: string, date: string, attached: boolean, locale: CreateSubscription['locale']): string {
  const latest = latestPeriod(report.rows);
  const parts = [`<h2>${escapeHtml(labels.heading)}</h2>`, `<p>${escapeHtml(labels.intro(workspace, date))}</p>`];
  if (attached) parts.push(`<p>${escapeHtml(labels.attached)}</p>`);
  if (latest === null) {
    parts.push(`<p>${escapeHtml(labels.empty)}</p>`);
  } else {
    const c = labels.columns;
    const pct = (v: number | null): string => (v === null ? '—' : formatPercent(v, locale));
    const overall = report.overall.filter((o) => o.period === latest);
    parts.push(`<h3>${escapeHtml(labels.overallHeading)}</h3>`);
    parts.push(table([c.period, c.department, c.overall], overall.map((o) => [o.period, o.department, pct(o.score)])));
    const rows = report.rows.filter((r) => r.period === latest);
    parts.push(`<h3>${escapeHtml(labels.detailHeading)}</h3>`);
    parts.push(
      table(
        [c.department, c.kpi, c.perspective, c.actual, c.target, c.achievement, c.status],
        rows.map((r) => [
          r.department,
          r.kpi,
          r.perspective === null ? '' : labels.perspectives[r.perspective],
          r.actual === null ? '—' : String(Number(r.actual.toFixed(4))),
          r.target,
          pct(r.achievement),
          labels.statuses[r.status],
        ]),
      ),
    );
  }
  parts.push(`<p style="color:#666">${escapeHtml(labels.footer)}</p>`);
  return `<html><body>${parts.join('')}</body></html>`;
}

/** The last period by its canonical text (2024-01 < 2024-02); null when there are no rows. */
function latestPeriod(rows: readonly ScoreRow[]): string | null {
  let latest: string | null = null;
  for (const r of rows) if (latest === null || r.period > latest) latest = r.period;
  return latest;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = header.map((h) => `<th style="text-align:left;padding:2px 8px">${escapeHtml(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((v) => `<td style="padding:2px 8px">${escapeHtml(v)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse"><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

/** User text in the body stays text: no markup, no links, whatever it holds. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
