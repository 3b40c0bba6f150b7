import { useEffect, useRef, useState } from 'react';
import { startCheckLoop, type CheckLoop } from '../check/check-loop';
import type { CheckResult } from '../check/check-sheet';
import type { PaneServices } from './pane-services';
import { reportError } from './report-error';

export interface Checks {
  readonly result: CheckResult | null;
  readonly running: boolean;
  checkNow(): void;
  /** Holds checks back until the returned function is called (the self-test's scratch sheets). */
  suspend(): () => void;
}

/**
 * The pane's view of checking in place: what addin/check/check-loop.ts (the tested path: start,
 * debounced edits, "Check now", retries while Excel is in cell-edit mode) hands it, as React state.
 */
export function useChecks(services: PaneServices): Checks {
  const [result, setResult] = useState<CheckResult | null>(null);
  const [running, setRunning] = useState(false);
  const loop = useRef<CheckLoop | null>(null);

  useEffect(() => {
    const started = startCheckLoop(services.workbook, services.checker, {
      onResult: setResult,
      onError: (error) => reportError(error, 'check'),
      onRunning: setRunning,
    });
    loop.current = started;
    return () => {
      started.stop();
      if (loop.current === started) loop.current = null;
    };
  }, [services]);

  return {
    result,
    running,
    checkNow: () => loop.current?.checkNow(),
    suspend: () => loop.current?.suspend() ?? (() => undefined),
  };
}
