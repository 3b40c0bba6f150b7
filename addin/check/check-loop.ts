import type { WorkbookPort } from '../workbook-port';
import type { CheckResult, SheetChecker } from './check-sheet';
import { debounceDistinct, realTimers, type Timers } from './debounce';
import { isCellEditRefusal } from './office-errors';

/**
 * Checking in place, the one path the task pane uses (its React hook only shows what this
 * hands it): a full check at start, a check of the edited sheets after a pause in typing, a full
 * check on "Check now". One check at a time; what is asked meanwhile is gathered and checked
 * once the running check is done.
 *
 * While the user is typing in a cell, Excel refuses every request (InvalidOperationInCellEditMode,
 * see office-errors.ts). That is "not yet", not "unreadable": a check Excel refused that way,
 * whole or for some sheets, is tried again after `retryMs` (2 s, as Script Lab waits), up to
 * `maxRetries` times in a row; only then is it reported as an error. The edit that ends the
 * typing fires a change event of its own, which checks the sheet anyway.
 */
export interface CheckLoopOptions {
  /** Quiet time after the last change before checking (default 400 ms). */
  readonly delayMs?: number;
  /** Wait before asking again when Excel was in cell-edit mode (default 2 s). */
  readonly retryMs?: number;
  /** Retries in a row before the refusal is reported (default 30: a minute). */
  readonly maxRetries?: number;
  readonly timers?: Timers;
}

export interface CheckLoopHandlers {
  onResult(result: CheckResult): void;
  /** A check that failed, or the change subscription that could not be made. */
  onError(error: unknown): void;
  /** A check started (true) or the last one asked for ended (false). */
  onRunning?(running: boolean): void;
}

export interface CheckLoop {
  /** Re-reads every sheet now ("Check now"). */
  checkNow(): void;
  /** Runs the check the debounce is waiting for, now (tests). */
  flush(): void;
  /** Holds checks back (the self-test's scratch sheets are not the user's data); call the returned function to go on. */
  suspend(): () => void;
  stop(): void;
  /** Resolves when no check is running or due (tests). */
  idle(): Promise<void>;
}

export const CHECK_DEBOUNCE_MS = 400;
export const CELL_EDIT_RETRY_MS = 2_000;
export const MAX_CELL_EDIT_RETRIES = 30;

export function startCheckLoop(port: WorkbookPort, checker: SheetChecker, handlers: CheckLoopHandlers, options: CheckLoopOptions = {}): CheckLoop {
  const timers = options.timers ?? realTimers;
  const retryMs = options.retryMs ?? CELL_EDIT_RETRY_MS;
  const maxRetries = options.maxRetries ?? MAX_CELL_EDIT_RETRIES;
  const pending = new Set<string>();
  let everything = true;
  let running = false;
  let stopped = false;
  let suspended = 0;
  let retries = 0;
  let retryTimer: unknown = null;
  let unsubscribe: (() => void) | null = null;
  let current: Promise<void> = Promise.resolve();

  const retryLater = (sheets: readonly string[] | 'all', refusal: unknown): void => {
    if (retries >= maxRetries) {
      retries = 0;
      handlers.onError(refusal);
      return;
    }
    retries += 1;
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      if (sheets === 'all') everything = true;
      else for (const s of sheets) pending.add(s);
      kick();
    }, retryMs);
  };

  const drain = async (): Promise<void> => {
    running = true;
    handlers.onRunning?.(true);
    try {
      while (!stopped && suspended === 0 && (everything || pending.size > 0)) {
        const all = everything;
        const sheets = [...pending];
        everything = false;
        pending.clear();
        try {
          const result = all ? await checker.checkAll() : await checker.checkSheet(sheets);
          if (stopped) return;
          if (result.busy.length > 0) retryLater(result.busy, { code: 'InvalidOperationInCellEditMode' });
          else retries = 0;
          handlers.onResult(result);
        } catch (error) {
          if (stopped) return;
          if (isCellEditRefusal(error)) retryLater(all ? 'all' : sheets, error);
          else handlers.onError(error);
        }
      }
    } finally {
      running = false;
      if (!stopped) handlers.onRunning?.(false);
    }
  };

  const kick = (): void => {
    if (running || stopped || suspended > 0) return;
    current = drain();
  };

  const debounced = debounceDistinct<string>(
    (sheets) => {
      for (const s of sheets) pending.add(s);
      kick();
    },
    options.delayMs ?? CHECK_DEBOUNCE_MS,
    timers,
  );

  // Subscribing is a request too: in cell-edit mode it is asked again like a check.
  let subscribeRetries = 0;
  const subscribe = (): void => {
    port
      .onChanged((sheet) => {
        checker.invalidate(sheet);
        debounced.push(sheet);
      })
      .then(
        (stop) => {
          if (stopped) stop();
          else unsubscribe = stop;
        },
        (error: unknown) => {
          if (stopped) return;
          if (isCellEditRefusal(error) && subscribeRetries < maxRetries) {
            subscribeRetries += 1;
            timers.setTimeout(() => {
              if (!stopped) subscribe();
            }, retryMs);
          } else handlers.onError(error);
        },
      );
  };

  kick();
  subscribe();

  return {
    checkNow() {
      debounced.cancel();
      everything = true;
      retries = 0;
      kick();
    },
    flush: () => debounced.flush(),
    suspend() {
      suspended += 1;
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        suspended -= 1;
        kick();
      };
    },
    stop() {
      stopped = true;
      debounced.cancel();
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      unsubscribe?.();
    },
    async idle() {
      while (running) await current;
    },
  };
}
