import { FluentProvider, Spinner, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState } from 'react';
import type { SignedInAccount } from '../auth/token-provider';
import { paneStrings } from './i18n';
import { IssuesPane } from './IssuesPane';
import { MessageStack, useMessages } from './MessageStack';
import type { PaneServices } from './pane-services';
import { AccountContext, ServicesContext, StringsContext } from './services-context';
import { SignInState } from './SignInState';
import { PaneTabs, type TabValue } from './PaneTabs';
import { TemplatesPane } from './TemplatesPane';
import { useChecks } from './use-checks';
import { diagnosticsStrings } from './diagnostics/strings';
import { approvalStrings } from './approvals/strings';

// Not on the first screen: loaded when their tab is first opened (or right after start-up).
const SyncPane = lazy(() => import('./SyncPane.js').then((m) => ({ default: m.SyncPane })));
const ScorecardPane = lazy(() => import('./ScorecardPane.js').then((m) => ({ default: m.ScorecardPane })));
const PlanPane = lazy(() => import('./PlanPane.js').then((m) => ({ default: m.PlanPane })));
// The Diagnostics view (host facts and the self-test, issue 9) carries the contract suite: only when opened.
// Tiered approval's view (docs/approval.md): only when opened.
const ApprovalsPane = lazy(() => import('./ApprovalsPane.js').then((m) => ({ default: m.ApprovalsPane })));
const DiagnosticsPane = lazy(() => import('./diagnostics/DiagnosticsPane.js').then((m) => ({ default: m.DiagnosticsPane })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  body: { flexGrow: 1, overflowY: 'auto', padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

function Pane({ services }: { services: PaneServices }) {
  const s = paneStrings(services.locale);
  const styles = useStyles();
  const [tab, setTab] = useState<TabValue>('issues');
  const [visited, setVisited] = useState<ReadonlySet<TabValue>>(() => new Set(['issues']));
  const [account, setAccount] = useState<SignedInAccount | null>(() => services.auth.account());
  const messages = useMessages(services.locale);
  const checks = useChecks(services);

  const open = (next: TabValue) => {
    setTab(next);
    setVisited((v) => (v.has(next) ? v : new Set([...v, next])));
  };

  useEffect(() => {
    // Warm the other tabs' code once the first screen is up, so switching never waits.
    const timer = setTimeout(() => void Promise.all([import('./SyncPane.js'), import('./ScorecardPane.js')]), 300);
    return () => clearTimeout(timer);
  }, []);

  const panel = (value: TabValue, content: React.ReactNode) => (
    <div role="tabpanel" id={`panel-${value}`} aria-labelledby={`tab-${value}`} hidden={tab !== value} tabIndex={-1}>
      {visited.has(value) ? content : null}
    </div>
  );
  const loading = <Spinner size="tiny" label={s.loading} />;

  return (
    <AccountContext.Provider value={{ account, setAccount }}>
      <div className={styles.root} lang={services.locale}>
        <header className={styles.header}>
          <h1 className={styles.title}>{s.appTitle}</h1>
          <SignInState />
        </header>
        <PaneTabs value={tab} onSelect={open} labels={{ ...s.tabs, diagnostics: diagnosticsStrings(services.locale).tab, approvals: approvalStrings(services.locale).tab }} label={s.sections} />
        {/* Every pane stays mounted once opened, hidden when not selected: a sync in progress or an open conflict view survives a tab switch. */}
        <main className={styles.body}>
          <MessageStack mode={services.mode} messages={messages} />
          {panel('issues', <IssuesPane checks={checks} onGoToTemplates={() => open('templates')} />)}
          {panel('templates', <TemplatesPane onInserted={checks.checkNow} />)}
          {panel(
            'sync',
            <Suspense fallback={loading}>
              <SyncPane sheets={checks.result?.sheets ?? []} onConflictsMarked={checks.checkNow} />
            </Suspense>,
          )}
          {panel(
            'scorecard',
            <Suspense fallback={loading}>
              <ScorecardPane />
            </Suspense>,
          )}
          {panel(
            'plan',
            <Suspense fallback={loading}>
              <PlanPane />
            </Suspense>,
          )}
          {panel(
            'diagnostics',
            <Suspense fallback={loading}>
              <DiagnosticsPane checks={checks} />
            </Suspense>,
          )}
          {panel(
            'approvals',
            <Suspense fallback={loading}>
              <ApprovalsPane />
            </Suspense>,
          )}
        </main>
      </div>
    </AccountContext.Provider>
  );
}

export function App({ services }: { services: PaneServices }) {
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <ServicesContext.Provider value={services}>
        <StringsContext.Provider value={paneStrings(services.locale)}>
          <Pane services={services} />
        </StringsContext.Provider>
      </ServicesContext.Provider>
    </FluentProvider>
  );
}
