import { z } from 'zod';

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

/** The dialog page's query string: what to sign in to. */
export interface DialogParams {
  readonly clientId: string;
  readonly authority: string;
  readonly scope: string;
}

export function dialogUrl(pageUrl: string, params: DialogParams): string {
  const url = new URL(pageUrl);
  url.searchParams.set('clientId', params.clientId);
  url.searchParams.set('authority', params.authority);
  url.searchParams.set('scope', params.scope);
  return url.toString();
}

export function readDialogParams(search: string): DialogParams | null {
  const q = new URLSearchParams(search);
  const clientId = q.get('clientId');
  const authority = q.get('authority');
  const scope = q.get('scope');
  if (!clientId || !authority || !scope) return null;
  // Only https authorities: the dialog must not be talked into sending a user elsewhere.
  if (!authority.startsWith('https://')) return null;
  return { clientId, authority, scope };
}
