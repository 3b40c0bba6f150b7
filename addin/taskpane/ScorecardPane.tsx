import { Button, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { statusOf } from '../../shared/engine/achievement';
import { DEFAULT_RULES } from '../../shared/engine/scoring-rules';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { formatPercent } from '../../shared/i18n/locale';
import { computeLocalScorecard, readPeriod, type ZeroRowsReason } from './local-scorecard';
import { clearError, reportError } from './report-error';
import { useServices, useStrings } from './services-context';
import { StatusShape } from './StatusShape';
import { TrendView } from './TrendView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  confirm: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorPaletteMarigoldBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  status: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  // Columns as wide as their words: at 320 px a fixed layout lays headers over each other.
  table: { tableLayout: 'auto' },
});

/** The names the Scorecard sheet has in either language (the adapter writes it in the pane's). */
const SCORECARD_SHEETS = new Set(['Scorecard', '计分卡']);

/** Pull the computed scorecard (or compute it here) and write it into the workbook's Scorecard sheet. */
export function ScorecardPane() {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const [period, setPeriod] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ScorecardReport | null>(null);
  const [periodError, setPeriodError] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ next: ScorecardReport; rows: number | null } | null>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const computeRef = useRef<HTMLButtonElement>(null);

  const reasonText = (reason: ZeroRowsReason, p: string | undefined): string =>
    reason === 'no-kpis'
      ? s.scorecard.zeroReasons.noKpis
      : reason === 'no-metrics'
        ? s.scorecard.zeroReasons.noMetrics
        : reason === 'no-period'
          ? s.scorecard.zeroReasons.noPeriod(p ?? '')
          : s.scorecard.zeroReasons.noMatch;

  async function write(next: ScorecardReport) {
    await services.workbook.writeScorecard(next, services.locale);
    setReport(next);
    setNote(null);
    clearError('scorecard');
  }

  async function run(source: 'service' | 'local') {
    const p = readPeriod(period);
    setPeriodError(!p.ok);
    if (!p.ok) return void reportError(p.error, 'scorecard');
    setBusy(true);
    setConfirming(null);
    try {
      if (source === 'service') {
        const target = await services.target.get();
        if (!target) return void reportError({ kind: 'no-workspace' }, 'scorecard');
        const result = await services.client.scorecard(target.workspace, p.value);
        if (!result.ok) return void reportError(result.error, 'scorecard');
        return void (await write(result.value));
      }
      const local = await computeLocalScorecard(services.workbook, p.value);
      if (local.zeroRows !== null) {
        // An empty scorecard would only replace a good one: nothing is written, and the reason is said.
        setNote(`${s.scorecard.nothingWritten} ${reasonText(local.zeroRows, p.value)}`);
        clearError('scorecard');
        return;
      }
      const sheets = await services.workbook.listSheets();
      const existing = report !== null || sheets.some((x) => SCORECARD_SHEETS.has(x.name) && x.rows > 0);
      if (existing) {
        setConfirming({ next: local.report, rows: report?.rows.length ?? null });
        requestAnimationFrame(() => replaceRef.current?.focus());
        return;
      }
      await write(local.report);
    } catch (error) {
      reportError(error, 'scorecard');
    } finally {
      setBusy(false);
    }
  }

  async function confirmReplace() {
    if (!confirming) return;
    setBusy(true);
    try {
      await write(confirming.next);
      setConfirming(null);
    } catch (error) {
      reportError(error, 'scorecard');
    } finally {
      setBusy(false);
    }
  }

  const statusWord = (score: number | null) => {
    const status = statusOf(score, DEFAULT_RULES);
    return (
      <span className={styles.status}>
        <StatusShape status={status} />
        {s.scorecard.statusWords[status]}
      </span>
    );
  };

  return (
    <section className={styles.root} aria-label={s.tabs.scorecard}>
      {/* A form: Enter in the period field gets the scorecard. */}
      <form
        className={styles.root}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void run('service');
        }}
      >
        <Field label={s.scorecard.period} hint={s.scorecard.periodHint} validationState={periodError ? 'error' : 'none'}>
          <Input value={period} onChange={(_e, d) => setPeriod(d.value)} placeholder="2024-Q1" />
        </Field>
        <div className={styles.row}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {s.scorecard.pull}
          </Button>
          <Button ref={computeRef} disabled={busy} onClick={() => void run('local')}>
            {s.scorecard.computeHere}
          </Button>
        </div>
      </form>
      {confirming ? (
        <div className={styles.confirm} role="group" aria-labelledby="confirm-heading" aria-describedby="confirm-text" data-testid="confirm-replace">
          <h2 className={styles.heading} id="confirm-heading">
            {s.scorecard.confirmTitle}
          </h2>
          <Text id="confirm-text">{s.scorecard.confirmText(confirming.rows)}</Text>
          <div className={styles.row}>
            <Button ref={replaceRef} appearance="primary" disabled={busy} onClick={() => void confirmReplace()}>
              {s.scorecard.confirmReplace}
            </Button>
            <Button
              onClick={() => {
                setConfirming(null);
                computeRef.current?.focus();
              }}
            >
              {s.scorecard.cancel}
            </Button>
          </div>
        </div>
      ) : null}
      <Text role="status" data-testid="scorecard-status">
        {note ?? (report ? `${s.scorecard.written} ${s.scorecard.rows(report.rows.length)}` : '')}
      </Text>
      {report ? (
        <Table size="small" aria-label={s.scorecard.overall} className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.scorecard.period}</TableHeaderCell>
              <TableHeaderCell>{s.scorecard.department}</TableHeaderCell>
              <TableHeaderCell>{s.scorecard.overall}</TableHeaderCell>
              <TableHeaderCell>{s.scorecard.status}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.overall.map((o) => (
              <TableRow key={`${o.period}\u0000${o.department}`}>
                <TableCell>{o.period}</TableCell>
                <TableCell>{o.department}</TableCell>
                <TableCell>{o.score === null ? '—' : formatPercent(o.score, services.locale)}</TableCell>
                <TableCell>{statusWord(o.score)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {report?.trends && report.trends.length > 0 ? <TrendView trends={report.trends} /> : null}
    </section>
  );
}
