import { XLSX_CONTENT_TYPE } from '../../shared/api/paths';
import type { CreateSubscription } from '../../shared/api/subscriptions';
import type { ScorecardReport, ScoreRow } from '../../shared/engine/scorecard-types';
import { formatPercent } from '../../shared/i18n/locale';
import type { MailMessage } from '../graph/graph-mail';
import { MAIL_LABELS, type MailLabels } from './mail-labels';

/**
 * A subscription's message, made only of what the recipient's view let through: the report the
 * scorecard service answered for them (already narrowed to the subscription's departments and
 * perspectives, which can never widen it) as a summary of the latest period in the body, and,
 * for the workbook format, the workbook it answered, attached as it is.
 */
export function composeMail(definition: CreateSubscription, workspace: string, report: ScorecardReport, workbook: Buffer | null, date: string): MailMessage {
  const labels = MAIL_LABELS[definition.locale];
  const attachments = workbook === null ? [] : [{ name: `scorecard-${workspace}-${date}.xlsx`, contentType: XLSX_CONTENT_TYPE, bytes: workbook }];
  return {
    to: definition.recipient.email,
    subject: labels.subject(workspace, date),
    html: summaryHtml(report, labels, workspace, date, workbook !== null, definition.locale),
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
