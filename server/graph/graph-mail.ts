import { fail, ok, type Result } from '../../shared/result';
import type { GraphFailure } from './graph-failure';
import { graphRequest, type GraphHttp } from './graph-http';

/**
 * Mail through Microsoft Graph: `POST /users/{sender}/sendMail` with the service's
 * client-credential token (application permission Mail.Send, which an Exchange application
 * access policy should limit to the sender's mailbox).
 *
 * Attachments travel inline as base64 `contentBytes`. Graph takes a sendMail request of at most
 * 4 MB, which base64 leaves room for about 3 MB of file; above that Graph wants a draft and an
 * attachment upload session. We refuse those instead (`attachment-too-large`, before any
 * request is made): a scorecard that large is better narrowed (departments, perspectives) or
 * sent as a summary, and a refusal is plain in the send's record.
 */

/** Raw bytes of one inline attachment, at most: 3 MB, Microsoft's limit for a single request. */
export const MAX_INLINE_ATTACHMENT_BYTES = 3 * 1024 * 1024;
/** The whole sendMail request, at most: 4 MB (base64 makes 3 MB of file about 4). */
export const MAX_SEND_MAIL_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * sendMail is retried on 429 and on every 5xx: Graph answers 202 once it has accepted the
 * message, and a 5xx means it did not, so a retry is not a second mail. Retry-After is honoured.
 */
const MAIL_RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface MailAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** HTML; every value in it already escaped by whoever built it. */
  readonly html: string;
  readonly attachments: readonly MailAttachment[];
}

export interface MailSent {
  /** sendMail requests made, retries included. */
  readonly attempts: number;
}

export type MailFailure = GraphFailure & { readonly attempts: number };

/** What the subscriptions need of Graph: one message from the configured sender. */
export interface MailClient {
  trySendMail(sender: string, message: MailMessage): Promise<Result<MailSent, MailFailure>>;
}

/** The request body as Microsoft documents it (user: sendMail, fileAttachment). */
export function sendMailBody(message: MailMessage): string {
  return JSON.stringify({
    message: {
      subject: message.subject,
      body: { contentType: 'HTML', content: message.html },
      toRecipients: [{ emailAddress: { address: message.to } }],
      attachments: message.attachments.map((a) => ({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: a.name,
        contentType: a.contentType,
        contentBytes: Buffer.from(a.bytes).toString('base64'),
      })),
    },
    // The service's mailbox is not an archive of managers' scorecards: the send record is.
    saveToSentItems: false,
  });
}

/**
 * Why the message cannot go in one sendMail request, or null when it can: an attachment over
 * `maxAttachmentBytes`, or a request (base64 and body included) over 4 MB.
 */
export function tooLargeToSend(message: MailMessage, maxAttachmentBytes: number = MAX_INLINE_ATTACHMENT_BYTES): string | null {
  const large = message.attachments.find((a) => a.bytes.byteLength > maxAttachmentBytes);
  if (large !== undefined) return `The attachment is ${sizeText(large.bytes.byteLength)}; mail attachments are limited to ${sizeText(maxAttachmentBytes)}.`;
  const request = Buffer.byteLength(sendMailBody(message), 'utf8');
  if (request > MAX_SEND_MAIL_REQUEST_BYTES) return `The message is ${sizeText(request)} encoded; a sendMail request is limited to ${sizeText(MAX_SEND_MAIL_REQUEST_BYTES)}.`;
  return null;
}

export async function sendMail(http: GraphHttp, token: string, sender: string, message: MailMessage): Promise<Result<MailSent, MailFailure>> {
  const tooLarge = tooLargeToSend(message);
  if (tooLarge !== null) return fail({ code: 'invalid-request', message: tooLarge, attempts: 0 });
  let attempts = 0;
  const counted: GraphHttp = { ...http, fetch: (url, init) => ((attempts += 1), http.fetch(url, init)) };
  const sent = await graphRequest(counted, {
    method: 'POST',
    url: `${http.baseUrl}/users/${encodeURIComponent(sender)}/sendMail`,
    token,
    headers: { 'content-type': 'application/json' },
    body: sendMailBody(message),
    retryOn: MAIL_RETRY_STATUSES,
  });
  if (!sent.ok) return fail({ ...sent.error, attempts });
  await sent.value.body?.cancel();
  return ok({ attempts });
}

export function sizeText(bytes: number): string {
  // The bytes too: "3.0 MB" over a limit of "3.0 MB" would say nothing.
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB (${bytes} bytes)` : `${Math.ceil(bytes / 1024)} KB (${bytes} bytes)`;
}
