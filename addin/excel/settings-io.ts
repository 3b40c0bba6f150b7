/// <reference types="office-js" />
import { LAYOUT_KEY, MARKS_KEY, parseLayout, parseMarks, serialise, type LayoutState, type MarksState } from './stored-state';

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
  return pending(context, MARKS_KEY, parseMarks);
}

export function loadLayout(context: Excel.RequestContext): PendingState<LayoutState> {
  return pending(context, LAYOUT_KEY, parseLayout);
}

/** Queues the write in the caller's batch. */
export function saveMarks(context: Excel.RequestContext, state: MarksState): void {
  context.workbook.settings.add(MARKS_KEY, serialise(state));
}

export function saveLayout(context: Excel.RequestContext, state: LayoutState): void {
  context.workbook.settings.add(LAYOUT_KEY, serialise(state));
}
