import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Locale } from '../../shared/i18n/locale';
import { nextMessages } from './messages';
import { setErrorSink, type UserMessage } from './report-error';
import { useStrings } from './services-context';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  meta: { display: 'block', marginTop: tokens.spacingVerticalXXS },
});

/**
 * The one error display: reportError anywhere in the pane lands here. One message per action
 * (a new failure of the same action replaces it); a message goes when the same action succeeds
 * (clearError) or, for sign-in failures, when someone signs in. It sits at the top of the tab's
 * content, below the tabs, so the tabs never move.
 */
export function useMessages(locale: Locale): readonly (UserMessage & { dismiss: () => void })[] {
  const [messages, setMessages] = useState<readonly UserMessage[]>([]);
  useEffect(() => {
    setErrorSink(locale, {
      show: (message) => setMessages((list) => nextMessages(list, { type: 'show', message })),
      clear: (which) => setMessages((list) => nextMessages(list, { type: 'clear', ...which })),
    });
    return () => setErrorSink(locale, null);
  }, [locale]);
  return messages.map((m) => ({ ...m, dismiss: () => setMessages((list) => nextMessages(list, { type: 'dismiss', id: m.id })) }));
}

export function MessageStack({ mode, messages }: { mode: 'office' | 'preview'; messages: readonly (UserMessage & { dismiss?: () => void })[] }) {
  const s = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.stack} aria-live="polite" data-testid="messages">
      {mode === 'preview' ? (
        <MessageBar intent="info" data-testid="preview-banner">
          <MessageBarBody>{s.previewBanner}</MessageBarBody>
        </MessageBar>
      ) : null}
      {messages.map((m) => (
        <MessageBar key={m.id} intent="error" data-testid="error-message">
          <MessageBarBody>
            <MessageBarTitle>{m.context}</MessageBarTitle> {m.text}
            {m.code || m.requestId ? (
              <Caption1 className={styles.meta}>
                {[m.code ? s.errors.code(m.code) : null, m.requestId ? s.errors.request(m.requestId) : null].filter(Boolean).join(' · ')}
              </Caption1>
            ) : null}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={m.dismiss}>
              {s.errors.dismiss(m.context)}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </div>
  );
}
