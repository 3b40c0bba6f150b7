import { Button, Caption1, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LocalizedIssue } from '../../shared/i18n/messages';
import { CheckStatusItems } from './checks/CheckStatusItems';
import { SeverityIcon } from './SeverityIcon';
import { clearError, reportError } from './report-error';
import { useServices, useStrings } from './services-context';
import type { Checks } from './use-checks';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    display: 'grid',
    gridTemplateColumns: '16px 1fr',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'pointer',
    font: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  where: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXXS },
  message: { margin: 0 },
  empty: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS },
  suggestion: { color: tokens.colorNeutralForeground2, display: 'block', marginTop: tokens.spacingVerticalXXS },
});

export function IssuesPane({ checks, onGoToTemplates }: { checks: Checks; onGoToTemplates: () => void }) {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const issues = checks.result?.issues ?? [];
  const errors = issues.filter((i) => i.severity === 'error').length;

  const noSheets = checks.result !== null && checks.result.sheets.length === 0;
  // Selecting the cell leaves the keyboard focus on the issue: the user reads on, or moves on.
  const select = (issue: LocalizedIssue) =>
    services.workbook
      .selectCell(issue.sheet, issue.cell)
      .then(() => clearError('select'))
      .catch((error: unknown) => reportError(error, 'select'));

  return (
    <section aria-label={s.tabs.issues}>
      <div className={styles.bar}>
        <Button appearance="primary" onClick={checks.checkNow} disabled={checks.running}>
          {s.issues.checkNow}
        </Button>
        {checks.running ? <Spinner size="tiny" label={s.issues.checking} /> : null}
        {checks.result && !checks.running && !noSheets ? (
          <Text data-testid="issue-counts" role="status">
            {s.issues.counts(errors, issues.length - errors)}
          </Text>
        ) : null}
      </div>
      {noSheets ? (
        <div className={styles.empty}>
          <Text block>{s.issues.noSheets}</Text>
          <Button onClick={onGoToTemplates}>{s.issues.goToTemplates}</Button>
        </div>
      ) : null}
      {checks.result && checks.result.sheets.length > 0 && issues.length === 0 && checks.result.unreadable.length === 0 ? <Text>{s.issues.none}</Text> : null}
      <ul className={styles.list} data-testid="issue-list">
        <CheckStatusItems result={checks.result} />
        {issues.map((issue, i) => (
          <li key={`${issue.sheet}!${issue.cell}:${issue.code}:${i}`}>
            <button type="button" className={styles.item} title={s.issues.selectHint} onClick={() => void select(issue)} data-cell={`${issue.sheet}!${issue.cell}`}>
              <SeverityIcon severity={issue.severity} label={s.severity[issue.severity]} />
              <span>
                <Text as="p" block className={styles.message}>
                  {issue.message}
                </Text>
                {issue.suggestion ? (
                  <Caption1 className={styles.suggestion}>
                    {s.issues.suggestion} {issue.suggestion}
                  </Caption1>
                ) : null}
                <Caption1 className={styles.where}>
                  {s.issues.where(issue.sheet, issue.cell)} · <span lang="en">{issue.code}</span>
                </Caption1>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
