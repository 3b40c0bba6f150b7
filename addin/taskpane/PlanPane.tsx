import { Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PlanSchedule } from '../../shared/kinds/gantt/schedule-plan';
import { barsOf, computeLocalPlans, sheetOf, type PlanOutcome } from './local-plan';
import { clearError, reportError } from './report-error';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Columns as wide as their words: at 320 px a fixed layout lays headers over each other.
  table: { tableLayout: 'auto' },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  critical: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  // A date never breaks inside itself; the span breaks between its two dates at 320 px.
  date: { whiteSpace: 'nowrap' },
  // A task name keeps a few characters per line even when the dates take the width.
  task: { minWidth: '4.5em' },
});

/**
 * The Plan view: this workbook's Gantt plan scheduled (earliest and latest dates, slack, the
 * critical path, the finish date — what `ops-scorecard plan` prints), and a button that draws
 * the bars beside the plan in the sheet. Computed here with the shared engine, so it works in
 * preview mode and offline.
 */
export function PlanPane() {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [plans, setPlans] = useState<readonly PlanOutcome[] | null>(null);
  const [chosen, setChosen] = useState(0);
  const [status, setStatus] = useState('');

  const outcome = plans ? plans[Math.min(chosen, plans.length - 1)] : undefined;

  async function schedule() {
    setBusy(true);
    setStatus('');
    try {
      const local = await computeLocalPlans(services.workbook);
      setPlans(local.plans);
      setChosen(0);
      clearError('plan');
    } catch (error) {
      reportError(error, 'plan');
    } finally {
      setBusy(false);
    }
  }

  async function draw(plan: PlanSchedule) {
    setBusy(true);
    try {
      await services.workbook.drawGantt(plan.sheet, barsOf(plan), services.locale);
      setStatus(s.plan.drawn(plan.sheet));
      clearError('plan');
    } catch (error) {
      reportError(error, 'plan');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={s.tabs.plan}>
      <Text>{s.plan.intro}</Text>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void schedule()}>
          {s.plan.schedule}
        </Button>
        {outcome?.kind === 'scheduled' ? (
          <Button disabled={busy} onClick={() => void draw(outcome.schedule)}>
            {s.plan.draw}
          </Button>
        ) : null}
      </div>
      {plans && plans.length > 1 ? (
        <Field label={s.plan.sheet}>
          <Select value={String(chosen)} onChange={(_e, d) => setChosen(Number(d.value))}>
            {plans.map((p, i) => (
              <option key={sheetOf(p)} value={String(i)}>
                {sheetOf(p)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Text role="status" data-testid="plan-status">
        {plans && plans.length === 0 ? s.plan.none : outcome && outcome.kind !== 'scheduled' ? problemText(outcome) : status}
      </Text>
      {outcome?.kind === 'scheduled' ? <ScheduleTable schedule={outcome.schedule} /> : null}
    </section>
  );

  function problemText(o: Exclude<PlanOutcome, { kind: 'scheduled' }>): string {
    const tasks = o.tasks.join(o.kind === 'cycle' ? ' → ' : ', ');
    return o.kind === 'cycle' ? s.plan.cycle(o.sheet, tasks) : s.plan.incomplete(o.sheet, tasks);
  }
}

function ScheduleTable({ schedule }: { schedule: PlanSchedule }) {
  const s = useStrings().plan;
  const styles = useStyles();
  // The words between the dates come from the language ("2024-03-01 to 2024-03-10", "… 至 …").
  const span = (from: string, to: string) => {
    const [prefix = '', rest = ''] = s.span('\u0000', '\u0001').split('\u0000');
    const [middle = '', suffix = ''] = rest.split('\u0001');
    return (
      <>
        {prefix}
        <span className={styles.date}>{from}</span>
        {middle}
        <span className={styles.date}>{to}</span>
        {suffix}
      </>
    );
  };
  return (
    <>
      <div>
        <Text block weight="semibold" data-testid="plan-finish">
          {schedule.finish === null ? '' : s.finish(schedule.finish)}
        </Text>
        <Text block data-testid="plan-critical-path">
          {s.criticalPath(schedule.criticalPath.join(' → '))}
        </Text>
      </div>
      <Table size="small" className={styles.table} data-testid="plan-table">
        <caption className={styles.caption}>{s.tableLabel(schedule.sheet)}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.task}</TableHeaderCell>
            <TableHeaderCell>{s.early}</TableHeaderCell>
            <TableHeaderCell>{s.late}</TableHeaderCell>
            <TableHeaderCell>{s.slack}</TableHeaderCell>
            <TableHeaderCell>{s.critical}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {schedule.tasks.map((t) => (
            <TableRow key={t.task}>
              <TableCell className={styles.task}>{t.task}</TableCell>
              <TableCell>{span(t.earlyStart, t.earlyFinish)}</TableCell>
              <TableCell>{span(t.lateStart, t.lateFinish)}</TableCell>
              <TableCell>{s.days(t.slack)}</TableCell>
              <TableCell className={t.critical ? styles.critical : undefined}>{t.critical ? s.criticalWords.yes : s.criticalWords.no}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
