import type { Operation } from '../../shared/engine/policy';
import { callerView } from '../access/masking/caller-view';
import { requestLocale } from '../access/masking/locale';
import { localDate } from '../clock/local-date';
import { stateOf } from '../http/request-state';
import type { RouteContext } from '../http/route';
import type { Caller } from '../sync/push-types';

/** The caller of a request, as the sync service needs them: identity, view, language, today. */
export function callerOf(ctx: RouteContext<unknown, unknown, unknown, Operation, unknown>): Caller {
  const auth = stateOf(ctx.req).authentication;
  const locale = requestLocale(ctx.req);
  return {
    principal: ctx.principal,
    assertion: auth.kind === 'authenticated' ? auth.assertion : '',
    view: callerView(ctx.deps, ctx.access, ctx.principal.tenantId, locale),
    locale,
    today: localDate(ctx.deps.clock.now()),
  };
}
