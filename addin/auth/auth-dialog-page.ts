import { createStandardPublicClientApplication } from '@azure/msal-browser';
import type { DialogMessage } from './dialog-protocol';
import { readDialogParams } from './dialog-protocol';
import { errorCode } from './token-provider';

/**
 * The page inside the Office sign-in dialog (dialog-fallback.ts opens it): the ordinary MSAL
 * redirect flow on our origin, then the token goes to the task pane with messageParent and the
 * pane closes the dialog. Nothing is logged; an error travels as its MSAL code only.
 */

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message), { targetOrigin: window.location.origin });
}

async function run(): Promise<void> {
  await Office.onReady();
  const params = readDialogParams(window.location.search) ?? readDialogParams(sessionStorage.getItem('ops-scorecard:dialog') ?? '');
  if (!params) return send({ type: 'error', code: 'dialog_params' });
  // The redirect back from the identity platform drops our query string: keep it for that return.
  sessionStorage.setItem('ops-scorecard:dialog', new URLSearchParams({ ...params }).toString());
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: params.clientId, authority: params.authority, redirectUri: window.location.origin + window.location.pathname },
  });
  try {
    const result = await pca.handleRedirectPromise();
    if (result) {
      sessionStorage.removeItem('ops-scorecard:dialog');
      return send({
        type: 'token',
        accessToken: result.accessToken,
        expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
        account: { name: result.account.name ?? result.account.username, username: result.account.username },
      });
    }
    await pca.loginRedirect({ scopes: [params.scope] });
  } catch (error) {
    send({ type: 'error', code: errorCode(error) });
  }
}

void run();
