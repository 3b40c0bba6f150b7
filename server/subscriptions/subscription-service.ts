import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { ScorecardReportSchema } from '../../shared/api/scorecard';
import type { CreateSubscription, SendOutcome, Subscription, SubscriptionSend } from '../../shared/api/subscriptions';
import type { Principal } from '../access/identity';
import type { Clock } from '../deps';
import type { DirectoryClient } from '../graph/graph-directory';
import { MAX_INLINE_ATTACHMENT_BYTES, tooLargeToSend, type MailClient } from '../graph/graph-mail';
import { dateOf } from '../schedule/publish-scorecards';
import type { JobLog } from '../schedule/scheduler';
import type { ReportNarrowing } from '../scorecard/narrow-report';
import type { ScorecardAnswer, ScorecardService } from '../scorecard/scorecard-service';
import type { SendResult, Store, StoredSubscription } from '../store/store-types';
import { composeMail } from './compose-mail';
import { directoryPrincipal, recipientEnforcer, recipientPrincipal } from './recipient-access';

/**
 * Scorecard subscriptions: kept in the store, sent through Graph sendMail, each recipient's
 * mail built as that recipient would see the scorecard: their access is decided as their own
 * request's would be (recipient-access.ts), and the scorecard is the scorecard service's answer
 * for that access — the same cache, the same key rules, computed on the heavy-work pool — so a
 * send and the recipient's own download of the same view are one computation and the same
 * bytes. Every send is claimed in the store before anything is built: a scheduled firing is
 * sent once across every instance, and every send leaves a record (who, when, which
 * revisions, what came of it).
 *
 * Nothing from the scorecard is logged: log lines carry ids, outcomes and Graph's statuses.
 */

export interface SubscriptionServiceDeps {
  readonly store: Pick<
    Store,
    | 'getPolicy'
    | 'addSubscription'
    | 'listSubscriptions'
    | 'removeSubscription'
    | 'claimSubscriptionSend'
    | 'finishSubscriptionSend'
    | 'listSubscriptionSends'
  >;
  /** The app's scorecard service (services.ts): its cache, and its computer on the heavy-work pool. */
  readonly scorecards: Pick<ScorecardService, 'answer'>;
  readonly bootstrapAdmins: readonly string[];
  /** What kind of identity recipients are: the service's sign-in mode. */
  readonly issuer: Principal['issuer'];
  /**
   * With Entra sign-in: the directory the recipients are read from (recipient-access.ts). Absent
   * with development sign-in, where the recorded department and groups stand in for a token.
   */
  readonly directory?: { readonly client: DirectoryClient; readonly tenantId: string } | null;
  /** Graph mail and the sender mailbox (MAIL_SENDER); null: sends are recorded as mail-not-configured. */
  readonly mail: { readonly client: MailClient; readonly sender: string } | null;
  readonly clock: Clock;
  readonly log: JobLog;
  /** Names this process in the send records. */
  readonly instanceId: string;
  /** Default 3 MB (graph-mail.ts). */
  readonly maxAttachmentBytes?: number;
}

export type SendAnswer = { readonly status: 'sent-or-recorded'; readonly record: SubscriptionSend } | { readonly status: 'already-claimed' };

export interface SubscriptionService {
  add(tenantId: string, workspace: string, definition: CreateSubscription, createdBy: string): Promise<Subscription>;
  list(tenantId: string, workspace: string): Promise<Subscription[]>;
  remove(tenantId: string, workspace: string, id: string): Promise<boolean>;
  /** One send now ("send now"), recorded like any other; null when there is no such subscription. */
  sendNow(tenantId: string, workspace: string, id: string): Promise<SubscriptionSend | null>;
  /** Every subscription whose cron fires at `fireAt` (ISO UTC, to the minute), each claimed once. */
  runDue(fireAt: string): Promise<SendAnswer[]>;
  sends(tenantId: string, workspace: string, subscriptionId: string | null, limit: number): Promise<SubscriptionSend[]>;
}

export function createSubscriptionService(deps: SubscriptionServiceDeps): SubscriptionService {
  const enforcer = recipientEnforcer(deps.store, deps.bootstrapAdmins);
  const maxAttachment = deps.maxAttachmentBytes ?? MAX_INLINE_ATTACHMENT_BYTES;

  async function deliver(sub: StoredSubscription, now: Date): Promise<SendResult> {
    const def = sub.definition;
    const none = { revisions: [], policyRevision: null, attempts: 0 };
    let principal = recipientPrincipal(sub.tenantId, def.recipient, deps.issuer);
    if (deps.issuer === 'entra' && deps.directory) {
      // The directory read is the mail tenant's: another tenant's workspace has no recipient there.
      if (deps.directory.tenantId.toLowerCase() !== sub.tenantId.toLowerCase()) {
        return { ...none, outcome: 'recipient-unknown', detail: "This workspace's tenant is not the one whose directory and mailbox the service uses (the first of ENTRA_TENANT_IDS)." };
      }
      const resolved = await directoryPrincipal(deps.directory.client, sub.tenantId, def.recipient);
      if (!resolved.ok) return { ...none, ...resolved.error };
      principal = resolved.value;
    }
    // 'export': the workbook (or its summary) leaves the service for the recipient to keep.
    const access = await enforcer.authorize(principal, '', 'export', sub.workspace);
    if (!access.ok) return { ...none, outcome: 'forbidden', detail: `For the recipient: ${access.error.detail}` };
    const policyRevision = access.value.policyRevision;
    if (deps.mail === null) return { ...none, policyRevision, outcome: 'mail-not-configured', detail: 'MAIL_SENDER is not set: the service does not send mail.' };

    // Every period, the subscription's narrowing, in its language; never kept warm by the timer.
    const ask = { access: access.value, tenantId: sub.tenantId, locale: def.locale, period: undefined, narrow: narrowingOf(def), warm: false } as const;
    const summary = fresh(await deps.scorecards.answer({ ...ask, format: 'json' }));
    if (summary.kpis === 0) return { revisions: [...summary.sources], policyRevision, attempts: 0, outcome: 'no-scorecard', detail: 'No KPI definitions the recipient may see.' };
    // Our own answer, parsed at this edge all the same: the summary is built from what it holds.
    const report = ScorecardReportSchema.parse(JSON.parse(summary.body.toString('utf8')));
    const workbook = def.format === 'workbook' ? fresh(await deps.scorecards.answer({ ...ask, format: 'xlsx' })) : null;
    // What was attached (a global recipient's workbook also reads the plan), else what was summarised.
    const revisions = [...(workbook ?? summary).sources];

    const date = dateOf(now.toISOString(), def.timezone ?? 'UTC');
    const message = composeMail(def, sub.workspace, report, workbook?.body ?? null, date);
    const tooLarge = tooLargeToSend(message, maxAttachment);
    if (tooLarge !== null) {
      const detail = `${tooLarge} Narrow the subscription (departments, perspectives) or choose the summary format.`;
      return { revisions, policyRevision, attempts: 0, outcome: 'attachment-too-large', detail };
    }
    const sent = await deps.mail.client.trySendMail(deps.mail.sender, message);
    if (!sent.ok) return { revisions, policyRevision, attempts: sent.error.attempts, outcome: 'graph-failed', detail: sent.error.message };
    return { revisions, policyRevision, attempts: sent.value.attempts, outcome: 'sent', detail: null };
  }

  async function sendOnce(sub: StoredSubscription, trigger: 'scheduled' | 'manual', fireAt: string | null): Promise<SendAnswer> {
    const started = deps.clock.now();
    const id = await deps.store.claimSubscriptionSend({
      tenantId: sub.tenantId,
      workspace: sub.workspace,
      subscriptionId: sub.id,
      trigger,
      fireAt,
      instance: deps.instanceId,
      recipient: sub.definition.recipient.email,
    });
    const fields = { subscription: sub.id, workspace: sub.workspace, trigger, fireAt };
    if (id === null) {
      deps.log.info(fields, 'Subscription send claimed by another instance');
      return { status: 'already-claimed' };
    }
    let result: SendResult;
    try {
      result = await deliver(sub, started);
    } catch (error) {
      // A bug, not a refusal: the record says so without the error's text (it could quote data).
      deps.log.error({ ...fields, error: error instanceof Error ? error.name : 'unknown' }, 'Subscription send crashed');
      result = { outcome: 'failed', detail: 'The send failed inside the service; see its log.', revisions: [], policyRevision: null, attempts: 0 };
    }
    await deps.store.finishSubscriptionSend(id, result);
    logOutcome(deps.log, fields, result.outcome, result.attempts);
    // Newest first: this send is among the latest of its subscription unless a hundred raced it.
    const record = (await deps.store.listSubscriptionSends(sub.tenantId, sub.workspace, sub.id, 100)).find((r) => r.id === id);
    if (record === undefined) throw new Error(`subscription send ${id} vanished after it was recorded`);
    return { status: 'sent-or-recorded', record };
  }

  return {
    async add(tenantId, workspace, definition, createdBy) {
      const id = randomUUID();
      await deps.store.addSubscription({ id, tenantId, workspace, definition, createdBy });
      const stored = (await deps.store.listSubscriptions(tenantId, workspace)).find((s) => s.id === id);
      if (stored === undefined) throw new Error(`subscription ${id} vanished after it was added`);
      return asSubscription(stored);
    },
    async list(tenantId, workspace) {
      return (await deps.store.listSubscriptions(tenantId, workspace)).map(asSubscription);
    },
    remove: (tenantId, workspace, id) => deps.store.removeSubscription(tenantId, workspace, id),
    async sendNow(tenantId, workspace, id) {
      const sub = (await deps.store.listSubscriptions(tenantId, workspace)).find((s) => s.id === id);
      if (sub === undefined) return null;
      const answer = await sendOnce(sub, 'manual', null);
      // A manual send has no firing to collide on.
      if (answer.status !== 'sent-or-recorded') throw new Error('a manual send was refused its claim');
      return answer.record;
    },
    async runDue(fireAt) {
      const answers: SendAnswer[] = [];
      for (const sub of await deps.store.listSubscriptions(null, null)) {
        if (!firesAt(sub.definition.cron, sub.definition.timezone, fireAt)) continue;
        answers.push(await sendOnce(sub, 'scheduled', fireAt));
      }
      return answers;
    },
    sends: (tenantId, workspace, subscriptionId, limit) => deps.store.listSubscriptionSends(tenantId, workspace, subscriptionId, limit),
  };
}

/** The subscription's departments and perspectives; undefined when it takes the whole view. */
function narrowingOf(def: CreateSubscription): ReportNarrowing | undefined {
  if (def.departments === undefined && def.perspectives === undefined) return undefined;
  return { ...(def.departments ? { departments: def.departments } : {}), ...(def.perspectives ? { perspectives: def.perspectives } : {}) };
}

/** Asked without If-None-Match, the scorecard service always answers in full. */
function fresh(answer: ScorecardAnswer): Extract<ScorecardAnswer, { status: 200 }> {
  if (answer.status !== 200) throw new Error('the scorecard service answered 304 to a send that named no ETag');
  return answer;
}

function asSubscription(s: StoredSubscription): Subscription {
  return { ...s.definition, id: s.id, workspace: s.workspace, createdAt: s.createdAt, createdBy: s.createdBy };
}

/** Whether a five-field cron, read in `timezone` (UTC when absent), fires at this minute. */
export function firesAt(cron: string, timezone: string | undefined, fireAt: string): boolean {
  const at = Date.parse(fireAt);
  if (Number.isNaN(at)) return false;
  let job: Cron | null = null;
  try {
    job = new Cron(cron, { paused: true, mode: '5-or-6-parts', timezone: timezone ?? 'UTC' });
    return job.nextRun(new Date(at - 1000))?.getTime() === at;
  } catch {
    return false;
  } finally {
    job?.stop();
  }
}

function logOutcome(log: JobLog, fields: Record<string, unknown>, outcome: SendOutcome, attempts: number): void {
  if (outcome === 'sent') log.info({ ...fields, outcome, attempts }, 'Subscription sent');
  else if (outcome === 'graph-failed' || outcome === 'failed') log.error({ ...fields, outcome, attempts }, 'Subscription not sent');
  else log.warn({ ...fields, outcome }, 'Subscription not sent');
}
