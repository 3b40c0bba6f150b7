import { z } from 'zod';
import { PERSPECTIVES } from '../engine/scorecard-types';
import { LOCALES } from '../i18n/locale';
import { isSafeName, workspacePath } from './paths';

/**
 * Scorecard subscriptions: a workspace's standing orders to e-mail a manager their scorecard
 * on a schedule, built as that manager would see it. Administrators manage them; every send is
 * recorded. The paths, bodies and answers, once, for the service, the CLI and the tests.
 */

const SafeText = (max: number) => z.string().trim().min(1).max(max).refine(isSafeName, 'text without control characters, bidi controls or zero-width characters');

/** An e-mail address: one @, no spaces, at most 254 characters (RFC 5321's path limit). */
export const MailAddressSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/, 'an e-mail address such as manager@contoso.com');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who receives it, and who they are to the permission matrix: the same facts a request's token
 * carries (e-mail, Entra object id, department, group names). The workbook is built for this
 * identity exactly as for a request by it.
 */
export const SubscriptionRecipientSchema = z.strictObject({
  email: MailAddressSchema,
  /** The recipient's Entra user object id (the token's `oid`), when matrix members name ids. */
  entraObjectId: z.string().regex(GUID, 'an Entra object id (a GUID)').optional(),
  /** The department their token would carry (本部门 scopes rows by it). */
  department: SafeText(256).optional(),
  /** Group names their token would carry, for matrix members that are groups. */
  groups: z.array(SafeText(256)).max(50).optional(),
});
export type SubscriptionRecipient = z.infer<typeof SubscriptionRecipientSchema>;

/** Five fields, minute precision ("0 5 * * 1" = Mondays 05:00); the service checks it further. */
export const SubscriptionCronSchema = z
  .string()
  .trim()
  .max(120)
  .regex(/^\S+(\s+\S+){4}$/, 'a five-field cron expression such as "0 5 * * 1" (Mondays at 05:00)');

export const SUBSCRIPTION_FORMATS = ['workbook', 'summary'] as const;
export type SubscriptionFormat = (typeof SUBSCRIPTION_FORMATS)[number];

/** POST /api/v1/workspaces/:ws/subscriptions */
export const CreateSubscriptionSchema = z.strictObject({
  recipient: SubscriptionRecipientSchema,
  /** Only these departments (of those the recipient may see); absent: all they may see. */
  departments: z.array(SafeText(256)).min(1).max(100).optional(),
  /** Only these perspectives; absent: all four and KPIs without one. */
  perspectives: z.array(z.enum(PERSPECTIVES)).min(1).max(4).optional(),
  cron: SubscriptionCronSchema,
  /** IANA time zone the cron is read in ("Asia/Shanghai"); UTC when absent. */
  timezone: z.string().trim().min(1).max(64).optional(),
  locale: z.enum(LOCALES),
  /** workbook: the scorecard .xlsx attached; summary: the scores in the body, no attachment. */
  format: z.enum(SUBSCRIPTION_FORMATS),
});
export type CreateSubscription = z.infer<typeof CreateSubscriptionSchema>;

export const SubscriptionSchema = CreateSubscriptionSchema.extend({
  id: z.string(),
  workspace: z.string(),
  createdAt: z.string(),
  /** E-mail of the administrator who added it. */
  createdBy: z.string(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const SubscriptionListSchema = z.object({ subscriptions: z.array(SubscriptionSchema) });
export type SubscriptionList = z.infer<typeof SubscriptionListSchema>;

export const SubscriptionIdSchema = z.string().regex(GUID, 'a subscription id');

/**
 * What became of one send. sent: Graph accepted the message. The others send nothing:
 * forbidden (the recipient's roles do not grant export), recipient-unknown (with Entra: the
 * directory has no such user, the account is disabled, or the address is not theirs),
 * mail-not-configured (no MAIL_SENDER),
 * attachment-too-large (over sendMail's 3 MB), no-scorecard (no KPI definitions the recipient
 * may see), graph-failed (Graph refused or stayed throttled after the retries), failed (a bug;
 * see the log), claimed (still running, or the instance stopped mid-send).
 */
export const SEND_OUTCOMES = ['claimed', 'sent', 'forbidden', 'recipient-unknown', 'mail-not-configured', 'attachment-too-large', 'no-scorecard', 'graph-failed', 'failed'] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

export const SheetRevisionSchema = z.object({ workbook: z.string(), sheet: z.string(), revision: z.number().int() });

export const SubscriptionSendSchema = z.object({
  id: z.number().int(),
  subscriptionId: z.string(),
  /** scheduled: by its cron (fireAt set); manual: "send now". */
  trigger: z.enum(['scheduled', 'manual']),
  fireAt: z.string().nullable(),
  recipient: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.enum(SEND_OUTCOMES),
  /** Why, for outcomes other than sent; never holds data from the workbook. */
  detail: z.string().nullable(),
  /** The revisions of the sheets the scorecard was computed from. */
  revisions: z.array(SheetRevisionSchema),
  /** The permission matrix's revision the recipient's view was decided by (null: none). */
  policyRevision: z.number().int().nullable(),
  /** Graph requests made for sendMail, retries included (0 when nothing was sent). */
  attempts: z.number().int(),
});
export type SubscriptionSend = z.infer<typeof SubscriptionSendSchema>;

export const SubscriptionSendListSchema = z.object({ sends: z.array(SubscriptionSendSchema) });

export const SendListQuerySchema = z.strictObject({
  subscription: SubscriptionIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function subscriptionsPath(workspace: string): string {
  return `${workspacePath(workspace)}/subscriptions`;
}

export function subscriptionPath(workspace: string, id: string): string {
  return `${subscriptionsPath(workspace)}/${encodeURIComponent(id)}`;
}

/** POST: send now (for testing a subscription); answers the send's record. */
export function subscriptionSendPath(workspace: string, id: string): string {
  return `${subscriptionPath(workspace, id)}/send`;
}

export function subscriptionSendsPath(workspace: string): string {
  return `${workspacePath(workspace)}/subscription-sends`;
}
