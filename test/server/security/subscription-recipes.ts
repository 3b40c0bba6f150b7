import request from 'supertest';
import type { RouteOperation } from '../../../server/http/route';
import type { createApp } from '../../../server/app';

/**
 * The access-matrix suite's recipes for the subscription routes (docs/subscriptions.md): they
 * declare modify and then require an administrator, so of the handbook's roles only 系统管理员
 * gets through. Kept beside the suite to keep it short; the shapes are the suite's own.
 */

type App = ReturnType<typeof createApp>;
interface Caller {
  readonly slug: string;
  readonly headers: Record<string, string>;
}
interface Probe {
  readonly name: string;
  send(app: App, caller: Caller): request.Test;
  readonly ok?: number;
  check?(caller: Caller, res: request.Response): void | Promise<void>;
}
interface Recipe {
  readonly operation: RouteOperation;
  readonly probes: readonly Probe[];
}

/** Subscriptions the suite makes in its beforeAll: one to send now (no mail configured there), one to remove. */
export const SUB_TO_SEND = '5b5c0000-0000-4000-8000-000000000001';
export const SUB_TO_REMOVE = '5b5c0000-0000-4000-8000-000000000002';
const subscriptionBody = (slug: string) => ({ recipient: { email: `sub-${slug}@example.cn`, department: '华东运营部' }, cron: '0 5 * * 1', locale: 'zh-CN', format: 'workbook' });

export function subscriptionRecipes(base: string): Readonly<Record<string, Recipe>> {
  return {
    'GET /api/v1/workspaces/:workspace/subscriptions': {
      operation: 'modify',
      probes: [
        {
          name: 'the subscriptions',
          send: (app, c) => request(app).get(`${base}/subscriptions`).set(c.headers),
          check: (_c, res) => expect(res.body.subscriptions.map((x: { id: string }) => x.id)).toContain(SUB_TO_SEND),
        },
      ],
    },
    'POST /api/v1/workspaces/:workspace/subscriptions': {
      operation: 'modify',
      probes: [
        {
          name: 'add a subscription',
          ok: 201,
          send: (app, c) => request(app).post(`${base}/subscriptions`).set(c.headers).send(subscriptionBody(c.slug)),
          check: (c, res) => expect(res.body.recipient.email).toBe(`sub-${c.slug}@example.cn`),
        },
      ],
    },
    'DELETE /api/v1/workspaces/:workspace/subscriptions/:id': {
      operation: 'modify',
      probes: [
        {
          name: 'remove a subscription',
          send: (app, c) => request(app).delete(`${base}/subscriptions/${SUB_TO_REMOVE}`).set(c.headers),
          check: (_c, res) => expect(res.body).toEqual({ removed: SUB_TO_REMOVE }),
        },
      ],
    },
    'POST /api/v1/workspaces/:workspace/subscriptions/:id/send': {
      operation: 'modify',
      probes: [
        {
          name: 'send a subscription now',
          send: (app, c) => request(app).post(`${base}/subscriptions/${SUB_TO_SEND}/send`).set(c.headers),
          // No MAIL_SENDER in this suite: the 运营专员 recipient may export, and the send is recorded as not configured.
          check: (_c, res) => expect(res.body).toMatchObject({ subscriptionId: SUB_TO_SEND, outcome: 'mail-not-configured', attempts: 0 }),
        },
      ],
    },
    'GET /api/v1/workspaces/:workspace/subscription-sends': {
      operation: 'modify',
      probes: [
        {
          name: 'the send records',
          send: (app, c) => request(app).get(`${base}/subscription-sends`).set(c.headers),
          check: (_c, res) => expect(Array.isArray(res.body.sends)).toBe(true),
        },
      ],
    },
  };
}
