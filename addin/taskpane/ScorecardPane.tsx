import { Button, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { formatPercent } from '../../shared/i18n/locale';
import type { ScorecardReport } from '../../shared/engine/scorecard-types';
import { computeLocalScorecard, readPeriod } from './local-scorecard';
import { loadSettings } from './pane-settings';
import { reportError } from './report-error';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Pull the computed scorecard (or compute it here) and write it into the workbook's Scorecard sheet. */
export function ScorecardPane() {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const [period, setPeriod] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ScorecardReport | null>(null);
  const [periodError, setPeriodError] = useState(false);

  async function run(source: 'service' | 'local') {
    const p = readPeriod(period);
    setPeriodError(!p.ok);
    if (!p.ok) return void reportError(p.error, 'scorecard');
    setBusy(true);
    try {
      let next: ScorecardReport;
      if (source === 'service') {
        const result = await services.client.scorecard(loadSettings(services.storage).workspace, p.value);
        if (!result.ok) return void reportError(result.error, 'scorecard');
        next = result.value;
      } else {
        next = await computeLocalScorecard(services.workbook, p.value);
      }
      await services.workbook.writeScorecard(next, services.locale);
      setReport(next);
    } catch (error) {
      reportError(error, 'scorecard');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={s.tabs.scorecard}>
      <Field label={s.scorecard.period} hint={s.scorecard.periodHint} validationState={periodError ? 'error' : 'none'}>
        <Input value={period} onChange={(_e, d) => setPeriod(d.value)} placeholder="2024-Q1" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void run('service')}>
          {s.scorecard.pull}
        </Button>
        <Button disabled={busy} onClick={() => void run('local')}>
          {s.scorecard.computeHere}
        </Button>
      </div>
      {report ? (
        <>
          <Text role="status" data-testid="scorecard-status">
            {s.scorecard.written} {s.scorecard.rows(report.rows.length)}
          </Text>
          <Table size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{s.scorecard.period}</TableHeaderCell>
                <TableHeaderCell>{s.scorecard.department}</TableHeaderCell>
                <TableHeaderCell>{s.scorecard.overall}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.overall.map((o) => (
                <TableRow key={`${o.period}\u0000${o.department}`}>
                  <TableCell>{o.period}</TableCell>
                  <TableCell>{o.department}</TableCell>
                  <TableCell>{o.score === null ? '—' : formatPercent(o.score, services.locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </section>
  );
}
