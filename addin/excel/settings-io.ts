/// <reference types="office-js" />
import type { ExcelHost } from './excel-host';
import { LAYOUT_KEY, MARKS_KEY, parseLayout, parseMarks, serialise, type LayoutState, type MarksState } from './stored-state';

/** Which document settings hold the add-in's records (marks, layout). */
export interface StateKeys {
  readonly marks: string;
  readonly layout: string;
}

export const DEFAULT_STATE_KEYS: StateKeys = { marks: MARKS_KEY, layout: LAYOUT_KEY };

const KEYS_BY_CONTEXT = new WeakMap<object, StateKeys>();

/**
 * The same Excel, with the add-in's records kept under other keys: the self-test runs the
 * adapter in the user's workbook without reading or overwriting the records of the user's own
 * marks and Scorecard sheet (so it never replaces their Scorecard, nor forgets their marks).
 */
export function withStateKeys(excel: ExcelHost, keys: StateKeys): ExcelHost {
  const tag = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => (context: Excel.RequestContext) => {
    KEYS_BY_CONTEXT.set(context, keys);
    return batch(context);
  };
  const run = (first: unknown, second?: unknown): Promise<unknown> =>
    typeof first === 'function'
      ? excel.run(tag(first as (context: Excel.RequestContext) => Promise<unknown>))
      : excel.run(first as OfficeExtension.ClientRequestContext, tag(second as (context: Excel.RequestContext) => Promise<unknown>));
  return { run: run as ExcelHost['run'] };
}

function keysOf(context: Excel.RequestContext): StateKeys {
  return KEYS_BY_CONTEXT.get(context) ?? DEFAULT_STATE_KEYS;
}

/**
 * Queues the load of a stored record in the caller's batch (no sync of its own); `read()` after
 * that batch's sync gives the state.
 */
export interface PendingState<T> {
  read(): T;
}

function pending<T>(context: Excel.RequestContext, key: string, parse: (raw: unknown) => T): PendingState<T> {
  const setting = context.workbook.settings.getItemOrNullObject(key);
  setting.load('value');
  return { read: () => parse(setting.isNullObject ? null : (setting.value as unknown)) };
}

export function loadMarks(context: Excel.RequestContext): PendingState<MarksState> {
  return pending(context, keysOf(context).marks, parseMarks);
}

export function loadLayout(context: Excel.RequestContext): PendingState<LayoutState> {
  return pending(context, keysOf(context).layout, parseLayout);
}

/** Queues the write in the caller's batch. */
export function saveMarks(context: Excel.RequestContext, state: MarksState): void {
  context.workbook.settings.add(keysOf(context).marks, serialise(state));
}

export function saveLayout(context: Excel.RequestContext, state: LayoutState): void {
  context.workbook.settings.add(keysOf(context).layout, serialise(state));
}
