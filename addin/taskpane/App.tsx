import {
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Button,
  Subtitle2,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { paneStrings } from './i18n';
import { IssuesPane } from './IssuesPane';
import type { PaneServices } from './pane-services';
import { setErrorSink, type UserMessage } from './report-error';
import { ScorecardPane } from './ScorecardPane';
import { ServicesContext, StringsContext } from './services-context';
import { SignInState } from './SignInState';
import { SyncPane } from './SyncPane';
import { TemplatesPane } from './TemplatesPane';
import { useChecks } from './use-checks';
import { DiagnosticsPane, diagnosticsTabLabel } from './diagnostics/DiagnosticsPane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  messages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
  body: { flexGrow: 1, overflowY: 'auto', padding: tokens.spacingHorizontalL },
});

type TabValue = 'issues' | 'templates' | 'sync' | 'scorecard' | 'diagnostics';
const TABS = ['issues', 'templates', 'sync', 'scorecard'] as const;

function Pane({ services }: { services: PaneServices }) {
  const s = paneStrings(services.locale);
  const styles = useStyles();
  const [tab, setTab] = useState<TabValue>('issues');
  const [messages, setMessages] = useState<readonly UserMessage[]>([]);
  const checks = useChecks(services);

  useEffect(() => {
    // The one error display: reportError anywhere in the pane lands here, newest first, three at most.
    setErrorSink(services.locale, (m) => setMessages((list) => [m, ...list].slice(0, 3)));
    return () => setErrorSink(services.locale, null);
  }, [services.locale]);

  return (
    <div className={styles.root} lang={services.locale}>
      <header className={styles.header}>
        <Subtitle2 as="h1">{s.appTitle}</Subtitle2>
        <SignInState />
      </header>
      <div className={styles.messages} aria-live="polite">
        {services.mode === 'preview' ? (
          <MessageBar intent="info" data-testid="preview-banner">
            <MessageBarBody>{s.previewBanner}</MessageBarBody>
          </MessageBar>
        ) : null}
        {messages.map((m) => (
          <MessageBar key={m.id} intent="error" data-testid="error-message">
            <MessageBarBody>
              <MessageBarTitle>{m.context}</MessageBarTitle>
              {m.text}
              {m.code || m.requestId ? (
                <Caption1 block>
                  {[m.code ? s.errors.code(m.code) : null, m.requestId ? s.errors.request(m.requestId) : null].filter(Boolean).join(' · ')}
                </Caption1>
              ) : null}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="transparent" onClick={() => setMessages((list) => list.filter((x) => x.id !== m.id))}>
                {s.errors.dismiss}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ))}
      </div>
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as TabValue)} size="small">
        {TABS.map((t) => (
          <Tab key={t} value={t}>
            {s.tabs[t]}
          </Tab>
        ))}
        <Tab value="diagnostics">{diagnosticsTabLabel(services.locale)}</Tab>
      </TabList>
      {/* Every pane stays mounted, hidden when not selected: a sync in progress or an open conflict view survives a tab switch. */}
      <main className={styles.body}>
        <div hidden={tab !== 'issues'}>
          <IssuesPane checks={checks} />
        </div>
        <div hidden={tab !== 'templates'}>
          <TemplatesPane onInserted={checks.checkNow} />
        </div>
        <div hidden={tab !== 'sync'}>
          <SyncPane sheets={checks.result?.sheets ?? []} />
        </div>
        <div hidden={tab !== 'scorecard'}>
          <ScorecardPane />
        </div>
        <div hidden={tab !== 'diagnostics'}>
          <DiagnosticsPane checks={checks} />
        </div>
      </main>
    </div>
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
