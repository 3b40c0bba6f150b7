import { fail, ok, type Result } from '../../shared/result';
import { DialogMessageSchema } from './dialog-protocol';
import { ownerOfToken } from './token-owner';
import type { AuthFailure, InteractiveTokenProvider, SignedInAccount } from './token-provider';

/**
 * Sign-in through the Office dialog API, for hosts without nested app authentication (older
 * Office builds: `Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')` is false).
 * The dialog opens our auth-dialog.html, which runs the ordinary MSAL redirect flow on our
 * origin and hands the access token back with messageParent. The token is kept in memory until
 * shortly before it expires; then the dialog opens again.
 */

/** The slice of Office.context.ui this needs, so tests can stand in for Office. */
export interface DialogHost {
  open(url: string, onMessage: (message: string, origin: string | null) => void, onClosed: (code: number) => void): Promise<Result<{ close(): void }, number>>;
}

/** Office's dialog error codes (learn.microsoft.com, "Errors and events in the Office dialog box"). */
const DIALOG_CLOSED_BY_USER = 12006;

const RENEW_BEFORE_MS = 2 * 60_000;

export interface DialogTokenOptions {
  /** https://<host>/auth-dialog.html, no query: the page reads what to sign in to from its service. */
  readonly pageUrl: string;
  readonly host: DialogHost;
  readonly now?: () => number;
}

export function createDialogTokenProvider(options: DialogTokenOptions): InteractiveTokenProvider {
  const now = options.now ?? Date.now;
  const expectedOrigin = new URL(options.pageUrl).origin;
  let held: { token: string; expiresOn: number } | null = null;
  let signedIn: SignedInAccount | null = null;
  let pending: Promise<Result<string, AuthFailure>> | null = null;

  function viaDialog(): Promise<Result<string, AuthFailure>> {
    return new Promise((resolve) => {
      let dialog: { close(): void } | null = null;
      let settled = false;
      const settle = (result: Result<string, AuthFailure>) => {
        if (settled) return;
        settled = true;
        dialog?.close();
        resolve(result);
      };
      const onMessage = (text: string, origin: string | null) => {
        // Newer Office builds say where a message came from; accept only our own dialog page.
        if (origin !== null && origin !== expectedOrigin) return;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          raw = null;
        }
        const parsed = DialogMessageSchema.safeParse(raw);
        if (!parsed.success) return settle(fail({ kind: 'rejected', code: 'dialog_message' }));
        const message = parsed.data;
        if (message.type === 'error') {
          return settle(fail(message.code === 'user_cancelled' ? { kind: 'cancelled' } : { kind: 'rejected', code: message.code }));
        }
        held = { token: message.accessToken, expiresOn: message.expiresOn };
        signedIn = { ...message.account, owner: ownerOfToken(message.accessToken) };
        settle(ok(message.accessToken));
      };
      const onClosed = (code: number) =>
        settle(fail(code === DIALOG_CLOSED_BY_USER ? { kind: 'cancelled' } : { kind: 'unavailable', code: `dialog_${code}` }));
      void options.host.open(options.pageUrl, onMessage, onClosed).then((opened) => {
        if (!opened.ok) return settle(fail({ kind: 'unavailable', code: `dialog_${opened.error}` }));
        dialog = opened.value;
        if (settled) dialog.close();
      });
    });
  }

  async function getToken(): Promise<Result<string, AuthFailure>> {
    if (held && held.expiresOn - RENEW_BEFORE_MS > now()) return ok(held.token);
    // One dialog at a time: parallel requests share it.
    pending ??= viaDialog().finally(() => {
      pending = null;
    });
    return pending;
  }

  return {
    method: 'dialog',
    getToken,
    async signIn() {
      const result = await getToken();
      if (!result.ok) return result;
      return signedIn ? ok(signedIn) : fail({ kind: 'rejected', code: 'no_account' });
    },
    account: () => signedIn,
    signOut() {
      held = null;
      signedIn = null;
    },
  };
}

/** The real host: Office.context.ui.displayDialogAsync. */
export function officeDialogHost(): DialogHost {
  return {
    open(url, onMessage, onClosed) {
      return new Promise((resolve) => {
        Office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
          if (result.status !== Office.AsyncResultStatus.Succeeded) return resolve(fail(result.error.code));
          const dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
            if ('message' in arg) onMessage(arg.message, 'origin' in arg && typeof arg.origin === 'string' ? arg.origin : null);
          });
          dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
            if ('error' in arg) onClosed(arg.error);
          });
          resolve(ok({ close: () => dialog.close() }));
        });
      });
    },
  };
}

/** Office's own answer to "can this host broker tokens for us?". */
export function naaSupported(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('NestedAppAuth', '1.1');
  } catch {
    return false;
  }
}
