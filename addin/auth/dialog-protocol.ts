import { z } from 'zod';
import type { ClientConfig } from '../../shared/api/client-config';

/**
 * What the sign-in dialog (auth-dialog-page.ts) tells the task pane through
 * Office.context.ui.messageParent. One JSON message, read with this schema on the pane's side.
 * The dialog runs on the task pane's own origin, and the pane checks the message's origin too.
 */
export const DialogMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('token'),
    accessToken: z.string().min(1),
    /** Epoch milliseconds. */
    expiresOn: z.number(),
    account: z.object({ name: z.string(), username: z.string() }),
  }),
  z.object({ type: z.literal('error'), code: z.string().max(80) }),
]);
export type DialogMessage = z.infer<typeof DialogMessageSchema>;

/**
 * What the dialog signs in to. Never read from the dialog's URL (a crafted link could otherwise
 * open consent for another app, or for Mail.Read, on our origin): the dialog page asks the
 * service that serves it (GET /api/v1/client-config), as the task pane does.
 */
export interface DialogParams {
  readonly clientId: string;
  readonly authority: string;
  readonly scopes: readonly string[];
}

export function dialogParamsOf(config: ClientConfig): DialogParams | null {
  const auth = config.auth;
  if (auth.mode !== 'entra') return null;
  return { clientId: auth.clientId, authority: auth.authority, scopes: auth.scopes };
}
