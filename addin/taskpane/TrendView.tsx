import { Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { KpiTrend } from '../../shared/engine/scorecard-types';
import { formatPercent } from '../../shared/i18n/locale';
import { useServices, useStrings } from './services-context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  table: { tableLayout: 'auto' },
  period: { whiteSpace: 'nowrap' },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  // The bar only repeats the number beside it (the table is the text): hidden from assistive technology.
  barTrack: { display: 'inline-block', width: '48px', height: '8px', marginInlineStart: tokens.spacingHorizontalXS, backgroundColor: tokens.colorNeutralBackground3, verticalAlign: 'middle' },
  bar: { display: 'block', height: '100%', backgroundColor: tokens.colorBrandBackground },
});

/** Achievement drawn against the score cap: a full bar is 120%. */
const BAR_CAP = 1.2;

/** A change in percentage points, signed and rounded to 0.1. */
function points(change: number): string {
  return String(Math.abs(Number((change * 100).toFixed(1))));
}

/**
 * The trend of one KPI (chosen from the report's trends): a table of achievement per period with
 * the change against the period before, a small bar in each row, and whether the last period
 * improved. Everything the bars show is in the table's text.
 */
export function TrendView({ trends }: { trends: readonly KpiTrend[] }) {
  const s = useStrings().scorecard.trend;
  const { locale } = useServices();
  const styles = useStyles();
  const headingId = useId();
  const [selected, setSelected] = useState(0);
  const trend = trends[Math.min(selected, trends.length - 1)];
  if (!trend) return null;
  const last = trend.points[trend.points.length - 1];
  const verdict = trend.improved === null || !last ? s.noVerdict : trend.improved ? s.improved(last.period) : s.notImproved(last.period);

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="trend">
      <h2 className={styles.heading} id={headingId}>
        {s.heading}
      </h2>
      <Field label={s.choose}>
        <Select value={String(selected)} onChange={(_e, d) => setSelected(Number(d.value))} data-testid="trend-kpi">
          {trends.map((t, i) => (
            <option key={`${t.department}\u0000${t.kpi}`} value={String(i)}>
              {s.option(t.kpi, t.department)}
            </option>
          ))}
        </Select>
      </Field>
      <Table size="small" className={styles.table} data-testid="trend-table">
        <caption className={styles.caption}>{s.caption(trend.kpi, trend.department)}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{s.period}</TableHeaderCell>
            <TableHeaderCell>{s.achievement}</TableHeaderCell>
            <TableHeaderCell>{s.change}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {trend.points.map((p) => (
            <TableRow key={p.period}>
              <TableCell className={styles.period}>{p.period}</TableCell>
              <TableCell>
                {p.achievement === null ? s.noValue : formatPercent(p.achievement, locale)}
                {p.achievement === null ? null : (
                  <span className={styles.barTrack} aria-hidden="true">
                    <span className={styles.bar} style={{ width: `${Math.round((Math.max(0, Math.min(p.achievement, BAR_CAP)) / BAR_CAP) * 100)}%` }} />
                  </span>
                )}
              </TableCell>
              <TableCell>
                {p.change === null ? '—' : p.change === 0 ? '0' : (
                  <>
                    <span aria-hidden="true">{p.change > 0 ? '▲ ' : '▼ '}</span>
                    {s.changeText(points(p.change), p.change > 0)}
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text data-testid="trend-verdict">{verdict}</Text>
    </section>
  );
}
