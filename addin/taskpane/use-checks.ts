import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult } from './check-workbook';
import type { PaneServices } from './pane-services';
import { reportError } from './report-error';

/** Typing fires a change per cell; wait for a pause before checking the workbook again. */
const DEBOUNCE_MS = 400;

export interface Checks {
  readonly result: CheckResult | null;
  readonly running: boolean;
  checkNow(): void;
}

/**
 * Checking in place: once at start, after every edit (debounced), and on "Check now". One check
 * at a time; an edit during a check queues exactly one more.
 */
export function useChecks(services: PaneServices): Checks {
  const [result, setResult] = useState<CheckResult | null>(null);
  const [running, setRunning] = useState(false);
  const busy = useRef(false);
  const again = useRef(false);
  /** Sheets edited since the last check; empty means "check everything". */
  const changed = useRef(new Set<string>());
  const everything = useRef(true);

  const run = useCallback(async () => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    setRunning(true);
    try {
      do {
        again.current = false;
        const sheets = everything.current ? [] : [...changed.current];
        everything.current = false;
        changed.current.clear();
        try {
          setResult(await services.checker.check(services.locale, sheets));
        } catch (error) {
          reportError(error, 'check');
        }
      } while (again.current);
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }, [services]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | null = null;
    let disposed = false;
    void run();
    services.workbook
      .onChanged((sheet) => {
        changed.current.add(sheet);
        clearTimeout(timer);
        timer = setTimeout(() => void run(), DEBOUNCE_MS);
      })
      .then((stop) => {
        if (disposed) stop();
        else unsubscribe = stop;
      })
      .catch((error: unknown) => reportError(error, 'check'));
    return () => {
      disposed = true;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [services, run]);

  return {
    result,
    running,
    checkNow: () => {
      everything.current = true;
      void run();
    },
  };
}
