import { ProblemCodeSchema } from '../../shared/api/problem';
import type { Locale } from '../../shared/i18n/locale';
import type { AuthFailure } from '../auth/token-provider';
import type { ConfigFailure } from '../auth/client-config';
import type { PasteFailure } from '../auth/dev-token';
import type { SheetSyncFailure } from '../sync/sheet-sync';
import { paneStrings, type ErrorContext, type PaneStrings } from './i18n';

/**
 * THE one way the task pane shows an error: reportError(error, context). Whatever failed —
 * an expected failure (a value with a `kind`) or a thrown error (a bug, an Office error) —
 * becomes one sentence in the user's language, with the stable code and the service's request
 * id beside it for support. Never a stack, never a message text we did not write (it could hold
 * anything, a token included), never the service's English `detail`.
 */

export type PaneFailure = SheetSyncFailure | AuthFailure | ConfigFailure | PasteFailure | { readonly kind: 'bad-period' } | { readonly kind: 'no-workspace' };

export interface UserMessage {
  readonly id: number;
  /** What the user was doing: one message per action, cleared when the action succeeds. */
  readonly action: ErrorContext;
  readonly context: string;
  /** Sign-in failures go once someone signs in. */
  readonly cause: 'auth' | 'other';
  readonly text: string;
  /** Shown small, for support: a problem code, an MSAL code, an Office error code. */
  readonly code: string | null;
  readonly requestId: string | null;
}

function isFailure(error: unknown): error is PaneFailure {
  return typeof error === 'object' && error !== null && typeof (error as { kind?: unknown }).kind === 'string';
}

/** A code we may show: short, plain characters only (Office's "InvalidArgument", MSAL's "user_cancelled"). */
function safeCode(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(value) ? value : null;
}

function authText(s: PaneStrings, failure: AuthFailure): { text: string; code: string | null } {
  switch (failure.kind) {
    case 'not-configured':
      return { text: s.errors.auth.notConfigured, code: null };
    case 'interaction-required':
      return { text: s.errors.auth.interactionRequired, code: null };
    case 'cancelled':
      return { text: s.errors.auth.cancelled, code: null };
    case 'unavailable':
      return { text: s.errors.auth.unavailable, code: safeCode(failure.code) };
    case 'rejected':
      return { text: s.errors.auth.rejected, code: safeCode(failure.code) };
    case 'dev-tokens-not-offered':
      return { text: s.errors.auth.devTokensNotOffered, code: null };
    case 'wrong-account':
      return { text: s.errors.auth.wrongAccount, code: null };
  }
}

function failureText(s: PaneStrings, failure: PaneFailure): { text: string; code: string | null; requestId: string | null } {
  const plain = (text: string, code: string | null = null) => ({ text, code, requestId: null });
  switch (failure.kind) {
    case 'problem': {
      const code = ProblemCodeSchema.safeParse(failure.problem.code);
      const text = code.success ? s.errors.problems[code.data] : s.errors.unknownProblem;
      return { text, code: safeCode(failure.problem.code), requestId: safeCode(failure.problem.requestId) };
    }
    case 'unreachable':
      return plain(s.errors.unreachable);
    case 'invalid-response':
      return plain(s.errors.invalidResponse(failure.status));
    case 'auth':
      return { ...authText(s, failure.failure), requestId: null };
    case 'not-configured':
    case 'interaction-required':
    case 'cancelled':
    case 'unavailable':
    case 'rejected':
    case 'dev-tokens-not-offered':
    case 'wrong-account': {
      return { ...authText(s, failure), requestId: null };
    }
    case 'not-recognised':
      return plain(s.errors.notRecognised(failure.sheet));
    case 'duplicate-keys':
      return plain(s.errors.duplicateKeys(failure.keys.slice(0, 5).join(', ') + (failure.keys.length > 5 ? ' …' : '')));
    case 'unresolved':
      return plain(s.errors.unresolved(failure.count));
    case 'row-missing':
      return plain(s.errors.rowMissing(failure.key));
    case 'not-a-token':
      return plain(s.errors.notAToken);
    case 'expired':
      return plain(s.errors.tokenExpired);
    case 'missing':
      return plain(s.errors.configMissing);
    case 'invalid':
      return plain(s.errors.configInvalid);
    case 'bad-period':
      return plain(s.errors.badPeriod);
    case 'no-workspace':
      return plain(s.errors.noWorkspace);
  }
}

let nextId = 1;

/** The words for an error, in a language; pure, so tests can read every branch. */
export function describeError(error: unknown, context: ErrorContext, locale: Locale): UserMessage {
  const s = paneStrings(locale);
  const auth =
    isFailure(error) &&
    (error.kind === 'auth' || ['not-configured', 'interaction-required', 'cancelled', 'unavailable', 'rejected', 'dev-tokens-not-offered', 'wrong-account'].includes(error.kind) ||
      (error.kind === 'problem' && error.problem.code === 'unauthenticated'));
  const base = { id: nextId++, action: context, context: s.errors.contexts[context], cause: auth ? ('auth' as const) : ('other' as const) };
  if (isFailure(error)) {
    const known = failureText(s, error);
    // A value with an unknown kind falls through the switch: treat it as unexpected.
    if (known) return { ...base, ...known };
  }
  // Thrown: an Office error carries a stable `code` (OfficeExtension.Error); anything else is a bug.
  const code = typeof error === 'object' && error !== null ? safeCode((error as { code?: unknown }).code) : null;
  return { ...base, text: s.errors.unexpected, code, requestId: null };
}

/** Where messages go: shown (replacing the same action's), or cleared when their cause is gone. */
export interface Sink {
  show(message: UserMessage): void;
  clear(which: { readonly action?: ErrorContext; readonly cause?: 'auth' }): void;
}

let sink: Sink | null = null;
let sinkLocale: Locale = 'en-US';

/** The App registers where messages go (its MessageBar stack) and in which language. */
export function setErrorSink(locale: Locale, next: Sink | null): void {
  sinkLocale = locale;
  sink = next;
}

export function reportError(error: unknown, context: ErrorContext): UserMessage {
  const message = describeError(error, context, sinkLocale);
  // For developers: what and where, by code only (no message text, no stack that could carry data).
  console.warn(`[ops-scorecard] ${context} failed`, message.code ?? (isFailure(error) ? error.kind : 'unexpected'));
  if (sink) sink.show(message);
  return message;
}

/** The action succeeded: its error, if one is shown, goes. */
export function clearError(action: ErrorContext): void {
  sink?.clear({ action });
}

/** Someone signed in: every "sign in first" goes. */
export function clearSignInErrors(): void {
  sink?.clear({ cause: 'auth' });
}
