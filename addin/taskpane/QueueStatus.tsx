import { Button, MessageBar, MessageBarActions, MessageBarBody, Text } from '@fluentui/react-components';
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

export function QueueStatus({ state }: { state: QueueState }) {
  const s = useStrings();
  const { queue } = useServices();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (state.status !== 'waiting') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state]);

  if (state.status !== 'waiting') {
    return state.pending > 1 ? <Text role="status">{s.sync.pending(state.pending)}</Text> : null;
  }
  const seconds = Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000));
  return (
    <MessageBar intent="warning" data-testid="queue-waiting">
      <MessageBarBody>
        {s.sync.unreachable(seconds)} · {s.sync.pending(state.pending)}
        {state.persisted ? null : <div>{s.sync.memoryOnly}</div>}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={() => queue.retryNow()}>
          {s.sync.retryNow}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
