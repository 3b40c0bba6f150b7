import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { defaultTransport } from '../sync/progress';
import { runDialogFlow } from './auth-dialog-flow';
import { fetchClientConfig } from './client-config';
import type { DialogMessage } from './dialog-protocol';

/**
 * The page inside the Office sign-in dialog (dialog-fallback.ts opens it): runDialogFlow with
 * Office's messageParent, MSAL's redirect flow, and the client configuration of the service on
 * this page's own origin.
 */

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message), { targetOrigin: window.location.origin });
}

async function run(): Promise<void> {
  await Office.onReady();
  await runDialogFlow({
    fetchConfig: () => fetchClientConfig(window.location.origin, defaultTransport()),
    createClient: (auth) => createStandardPublicClientApplication({ auth }),
    redirectUri: window.location.origin + window.location.pathname,
    send,
    now: () => Date.now(),
  });
}

void run();
