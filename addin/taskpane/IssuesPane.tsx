import { Button, Caption1, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LocalizedIssue } from '../../shared/i18n/messages';
import { CheckStatusItems } from './checks/CheckStatusItems';
import { SeverityIcon } from './SeverityIcon';
import { reportError } from './report-error';
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
  where: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  suggestion: { color: tokens.colorNeutralForeground2, display: 'block', marginTop: tokens.spacingVerticalXXS },
});

export function IssuesPane({ checks }: { checks: Checks }) {
  const s = useStrings();
  const services = useServices();
  const styles = useStyles();
  const issues = checks.result?.issues ?? [];
  const errors = issues.filter((i) => i.severity === 'error').length;

  const select = (issue: LocalizedIssue) =>
    services.workbook.selectCell(issue.sheet, issue.cell).catch((error: unknown) => reportError(error, 'select'));

  return (
    <section aria-label={s.tabs.issues}>
      <div className={styles.bar}>
        <Button appearance="primary" onClick={checks.checkNow} disabled={checks.running}>
          {s.issues.checkNow}
        </Button>
        {checks.running ? <Spinner size="tiny" label={s.issues.checking} /> : null}
        {checks.result && !checks.running ? (
          <Text data-testid="issue-counts">{s.issues.counts(errors, issues.length - errors)}</Text>
        ) : null}
      </div>
      {checks.result && checks.result.sheets.length === 0 ? <Text>{s.issues.noSheets}</Text> : null}
      {checks.result && checks.result.sheets.length > 0 && issues.length === 0 && checks.result.unreadable.length === 0 ? <Text>{s.issues.none}</Text> : null}
      <ul className={styles.list} data-testid="issue-list">
        <CheckStatusItems result={checks.result} />
        {issues.map((issue, i) => (
          <li key={`${issue.sheet}!${issue.cell}:${issue.code}:${i}`}>
            <button type="button" className={styles.item} title={s.issues.selectHint} onClick={() => void select(issue)} data-cell={`${issue.sheet}!${issue.cell}`}>
              <SeverityIcon severity={issue.severity} label={s.severity[issue.severity]} />
              <span>
                <Caption1 className={styles.where}>
                  {issue.sheet}!{issue.cell} · {issue.code}
                </Caption1>
                <Text as="p" block>
                  {issue.message}
                </Text>
                {issue.suggestion ? (
                  <Caption1 className={styles.suggestion}>
                    {s.issues.suggestion} {issue.suggestion}
                  </Caption1>
                ) : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
