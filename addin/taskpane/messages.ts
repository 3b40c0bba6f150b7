import type { ErrorContext } from './i18n';
import type { UserMessage } from './report-error';

/**
 * The pane's error messages as a list that events change (MessageStack.tsx shows it): one per
 * action, cleared when the action succeeds or, for sign-in failures, when someone signs in.
 */
export type MessageEvent =
  | { readonly type: 'show'; readonly message: UserMessage }
  | { readonly type: 'clear'; readonly action?: ErrorContext; readonly cause?: 'auth' }
  | { readonly type: 'dismiss'; readonly id: number };

/** The messages shown after an event: newest first, one per action, three at most. */
export function nextMessages(list: readonly UserMessage[], event: MessageEvent): readonly UserMessage[] {
  switch (event.type) {
    case 'show':
      return [event.message, ...list.filter((x) => x.action !== event.message.action)].slice(0, 3);
    case 'clear':
      return list.filter((x) => !((event.action !== undefined && x.action === event.action) || (event.cause !== undefined && x.cause === event.cause)));
    case 'dismiss':
      return list.filter((x) => x.id !== event.id);
  }
}

