import { Button, Caption1, Field, Spinner, Subtitle2, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { countOutcomes, formatReport, type CaseOutcome, type SuiteReport } from '../../contract/report';
import type { Locale } from '../../../shared/i18n/locale';
import { reportError } from '../report-error';
import { useServices } from '../services-context';
import type { Checks } from '../use-checks';
import { describeHost, runSelfTest, SELF_TEST_CASE_COUNT } from './self-test';
import { diagnosticsStrings } from './strings';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-word' },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { display: 'grid', gridTemplateColumns: '4.5em 1fr', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  passed: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  skipped: { color: tokens.colorNeutralForeground3 },
  code: { display: 'block', color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  report: { fontFamily: tokens.fontFamilyMonospace, minHeight: '10em' },
});

export function diagnosticsTabLabel(locale: Locale): string {
  return diagnosticsStrings(locale).tab;
}

/**
 * The Diagnostics view: where the add-in runs (host, platform, version, the requirement sets
 * found) and a self-test — the WorkbookPort contract suite run in this Excel on a scratch sheet
 * — with each case passed or failed with its Office error code, and the report as text to copy
 * for IT. While it runs, the pane's own checks wait (the scratch sheets are not the user's data).
 */
export function DiagnosticsPane({ checks }: { checks: Checks }) {
  const services = useServices();
  const styles = useStyles();
  const s = diagnosticsStrings(services.locale);
  const env = services.selfTest;
  const [host] = useState(() => describeHost(env));
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly CaseOutcome[]>([]);
  const [report, setReport] = useState<SuiteReport | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const run = async (): Promise<void> => {
    setRunning(true);
    setReport(null);
    setOutcomes([]);
    setCopyState('idle');
    const resume = checks.suspend();
    try {
      setReport(await runSelfTest(env, services.locale, (o) => setOutcomes((list) => [...list, o])));
    } catch (error) {
      reportError(error, 'check');
    } finally {
      resume();
      setRunning(false);
    }
  };

  const text = report ? formatReport(report) : '';
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  const shown = report?.cases ?? outcomes;
  const counts = report ? countOutcomes(report) : null;
  const sets = report?.host.requirementSets ?? host.requirementSets;

  return (
    <section aria-label={s.tab} className={styles.section} data-testid="diagnostics">
      <Subtitle2 as="h2">{s.title}</Subtitle2>
      <Text>{s.intro}</Text>
      <dl className={styles.facts} data-testid="diagnostics-host">
        <dt className={styles.term}>{s.host}</dt>
        <dd className={styles.value}>{host.host}</dd>
        <dt className={styles.term}>{s.platform}</dt>
        <dd className={styles.value}>{host.platform}</dd>
        <dt className={styles.term}>{s.version}</dt>
        <dd className={styles.value}>{host.version}</dd>
        <dt className={styles.term}>{s.requirementSets}</dt>
        <dd className={styles.value}>{sets.length > 0 ? sets.join(', ') : s.noSets}</dd>
      </dl>
      <div className={styles.bar}>
        <Button appearance="primary" onClick={() => void run()} disabled={running}>
          {s.run}
        </Button>
        {running ? <Spinner size="tiny" label={s.running(outcomes.length, SELF_TEST_CASE_COUNT)} /> : null}
        {counts ? (
          <Text weight="semibold" data-testid="diagnostics-summary">
            {s.summary(counts.passed, counts.failed)}
          </Text>
        ) : null}
      </div>
      {counts ? <Text>{counts.failed === 0 ? s.allPassed : s.someFailed}</Text> : null}
      {report && !report.cleanedUp ? <Text>{s.leftBehind(report.leftBehind.join(', '))}</Text> : null}
      <ul className={styles.list} data-testid="diagnostics-cases">
        {shown.map((c) => (
          <li key={c.id} className={styles.item} data-case={c.id} data-status={c.status}>
            <span className={styles[c.status]}>{s.status[c.status]}</span>
            <span>
              {s.cases[c.id] ?? c.title}
              {c.code ? <Caption1 className={styles.code}>{s.code(c.code)}</Caption1> : null}
            </span>
          </li>
        ))}
      </ul>
      {report ? (
        <>
          <Field label={s.report}>
            <Textarea className={styles.report} value={text} readOnly resize="vertical" data-testid="diagnostics-report" rows={8} />
          </Field>
          <div className={styles.bar}>
            <Button onClick={() => void copy()}>{s.copy}</Button>
            {copyState === 'copied' ? <Text>{s.copied}</Text> : null}
            {copyState === 'failed' ? <Text>{s.copyFailed}</Text> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
