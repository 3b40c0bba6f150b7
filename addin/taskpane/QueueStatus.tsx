import { Button, MessageBar, MessageBarActions, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { QueueState } from '../sync/offline-queue';
import { useServices, useStrings } from './services-context';

/** Follows the offline queue: "service unreachable, retrying in 12 s", counted down each second. */
export function useQueueState(): QueueState {
  const { queue } = useServices();
  const [state, setState] = useState(queue.state());
  useEffect(() => queue.subscribe(setState), [queue]);
  return state;
}

const useStyles = makeStyles({ stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

/**
 * The queue in one place, one message at a time: waiting for the service (the countdown, one
 * "retry now"), waiting for the user to sign in again (with "discard"), and pushes of another
 * account kept for that account.
 */
export function QueueStatus({ state }: { state: QueueState }) {
  const s = useStrings();
  const { queue } = useServices();
  const styles = useStyles();
  const [now, setNow] = useState(Date.now());
  const [discarded, setDiscarded] = useState<number | null>(null);
  useEffect(() => {
    if (state.status !== 'waiting') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state]);

  const others = state.heldForOthers.map((h) => (
    <Text key={h.name ?? ''} size={200} block>
      {s.sync.heldForOthers(h.name, h.count)}
    </Text>
  ));
  const discard = (
    <Button size="small" onClick={() => setDiscarded(queue.discard('mine'))}>
      {s.sync.discard}
    </Button>
  );
  let main: JSX.Element | null = null;
  if (state.status === 'waiting') {
    const seconds = Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000));
    main = (
      <MessageBar intent="warning" data-testid="queue-waiting">
        <MessageBarBody>
          {s.sync.unreachable(seconds)} · {s.sync.pending(state.pending)}
          {state.persisted ? null : <div>{s.sync.memoryOnly}</div>}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => queue.retryNow()}>
            {s.sync.retryNow}
          </Button>
          {discard}
        </MessageBarActions>
      </MessageBar>
    );
  } else if (state.status === 'sign-in' && state.pending > 0) {
    main = (
      <MessageBar intent="warning" data-testid="queue-sign-in">
        <MessageBarBody>{s.sync.signInToSend(state.pending)}</MessageBarBody>
        <MessageBarActions>{discard}</MessageBarActions>
      </MessageBar>
    );
  } else if (state.pending > 1) {
    main = <Text>{s.sync.pending(state.pending)}</Text>;
  }
  return (
    <div className={styles.stack} role="status">
      {main}
      {others}
      {discarded !== null && discarded > 0 ? <Text size={200}>{s.sync.discarded(discarded)}</Text> : null}
    </div>
  );
}
